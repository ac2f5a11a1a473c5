import { describe, expect, it } from 'vitest';
import { approvalRefusal, operationNeedsApproval } from '../../../shared/domain/approval-rules';

const REQUEST = { code: 'OP-000001', requesterUsername: 'olga', requesterUserId: 'u-olga', requestedAt: '2026-05-04T09:00:00.000Z' };
const approver = (over: Partial<{ username: string; userId: string; createdAt: string; createdBy: string | null }> = {}) => ({ username: 'ana', userId: 'u-ana', createdAt: '2026-05-01T00:00:00.000Z', createdBy: 'u-admin', ...over });

describe('the approval rules', () => {
  it('only secret changes of highly critical credentials wait for approval', () => {
    for (const type of ['change_password', 'child_password_change', 'reconcile', 'ssh_key_rotation'] as const) {
      expect(operationNeedsApproval(type, 'high')).toBe(true);
      expect(operationNeedsApproval(type, 'medium')).toBe(false);
      expect(operationNeedsApproval(type, null)).toBe(false);
    }
    for (const type of ['verify', 'credential_activation', 'credential_inactivation'] as const) expect(operationNeedsApproval(type, 'high')).toBe(false);
  });

  it('an approval counts from someone who existed before the request and was not added by the requester', () => {
    expect(approvalRefusal(REQUEST, approver())).toBeNull();
    expect(approvalRefusal(REQUEST, approver({ userId: 'u-olga', username: 'olga' }))).toBe('You requested OP-000001, so you cannot approve it: a second person must decide (cancel it instead).');
    expect(approvalRefusal(REQUEST, approver({ createdAt: '2026-05-04T09:00:01.000Z' }))).toBe(
      'ana was added to the vault after OP-000001 was requested, so ana\'s approval cannot count: ask an approver who existed before the request.',
    );
    expect(approvalRefusal(REQUEST, approver({ createdBy: 'u-olga' }))).toBe("ana was added by olga, who requested OP-000001, so ana's approval cannot count: ask an approver who was not added by olga.");
    expect(approvalRefusal(REQUEST, approver({ createdBy: 'u-olga', createdAt: '2026-05-05T00:00:00.000Z' }))).toBe(
      "ana was added by olga after olga made OP-000001, so ana's approval cannot count: ask an approver who existed before the request and was not added by olga.",
    );
  });

  it('a request of the system (no user row) compares usernames and has nobody who added helpers', () => {
    const system = { ...REQUEST, requesterUsername: 'system', requesterUserId: null };
    expect(approvalRefusal(system, approver({ createdBy: null }))).toBeNull();
    expect(approvalRefusal({ ...REQUEST, requesterUserId: null }, approver({ username: 'OLGA', userId: 'other' }))).toMatch(/^You requested/);
  });
});
