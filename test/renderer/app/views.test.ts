import { describe, expect, it } from 'vitest';
import { channels } from '../../../shared/contract/channels';
import { ROLES } from '../../../shared/roles';
import { canUseView, landingViewFor, signInViewFor, VIEWS, viewsFor } from '../../../renderer/app/views';

describe('role-aware views: one table for navigation, landing and the outlet', () => {
  it('lands each role on a view made for it that it can use', () => {
    expect(landingViewFor('approver')).toBe('approvals');
    expect(landingViewFor('auditor')).toBe('audit');
    expect(landingViewFor('operator')).toBe('credentials');
    expect(landingViewFor('administrator')).toBe('credentials');
    for (const role of ROLES) expect(canUseView(role, landingViewFor(role))).toBe(true);
  });

  it("lands a user on their own 'Open after signing in' view when their role can use it, else on the role's", () => {
    expect(signInViewFor('operator', 'operations')).toBe('operations');
    expect(signInViewFor('auditor', 'credentials')).toBe('credentials');
    // No choice, a view the role cannot use (a role changed since), or a name no view has: the role's default.
    expect(signInViewFor('operator', null)).toBe('credentials');
    expect(signInViewFor('approver', undefined)).toBe('approvals');
    expect(signInViewFor('approver', 'audit')).toBe('approvals');
    expect(signInViewFor('operator', 'users')).toBe('credentials');
    expect(signInViewFor('auditor', 'no-such-view')).toBe('audit');
    for (const role of ROLES) for (const view of VIEWS) expect(canUseView(role, signInViewFor(role, view.id))).toBe(true);
  });

  it('offers only the views a role can use', () => {
    const ids = (role: (typeof ROLES)[number]) => viewsFor(role).map((view) => view.id);
    expect(ids('approver')).not.toContain('audit');
    expect(ids('approver')).not.toContain('templates');
    expect(ids('approver')).toContain('approvals');
    expect(ids('auditor')).toEqual(expect.arrayContaining(['audit', 'templates', 'credentials']));
    expect(ids('operator')).not.toContain('audit');
    expect(ids('administrator')).toHaveLength(VIEWS.length);
  });

  it("asks for what main asks: each view's requirement is that of the channel it lists from", () => {
    const listedFrom = { dashboard: 'dashboard.summary', credentials: 'credential.query', operations: 'operation.list', attempts: 'attempt.list', bulk: 'bulk.list', approvals: 'bulk.list', templates: 'template.list', devices: 'device.list', policies: 'policy.list', audit: 'audit.list', users: 'user.list', settings: 'settings.get' } as const;
    for (const view of VIEWS) expect([view.id, view.requires]).toEqual([view.id, channels[listedFrom[view.id]].requires]);
  });
});
