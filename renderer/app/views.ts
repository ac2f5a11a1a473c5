import { roleHasPermission, type Requirement, type Role } from '../../shared/roles';

/**
 * The app's views, in navigation order, each with what it needs to be used: the permission of the
 * channel it lists from (main enforces it; here it decides what is offered). Navigation, the
 * landing choice and the view outlet all read this one table. `landsFor` names the roles that
 * start their day on the view: an approver's work is deciding, an auditor's is the trail.
 */
export const VIEWS = [
  { id: 'dashboard', label: 'Dashboard', hint: 'Password-change counters, failures and pending approvals.', requires: 'vault.read', landsFor: [] },
  { id: 'credentials', label: 'Credentials', hint: 'The vault\'s passwords, SSH keys and PINs.', requires: 'vault.read', landsFor: ['administrator', 'operator'] },
  { id: 'operations', label: 'Operations', hint: 'Password changes, verifications and reconciliations.', requires: 'operation.read', landsFor: [] },
  { id: 'attempts', label: 'Attempts', hint: 'Every attempt of every operation, with its masked transcript.', requires: 'operation.read', landsFor: [] },
  { id: 'bulk', label: 'Bulk operations', hint: 'Bulk edit, enable, disable and expire requests and their results.', requires: 'bulk.read', landsFor: [] },
  { id: 'approvals', label: 'Approvals', hint: 'Bulk requests waiting for a second person\'s decision.', requires: 'bulk.read', landsFor: ['approver'] },
  { id: 'templates', label: 'Templates', hint: 'Execution templates with [#TAG#] placeholders.', requires: 'template.read', landsFor: [] },
  { id: 'devices', label: 'Devices', hint: 'Hosts and network devices, with their pinned SSH host keys.', requires: 'vault.read', landsFor: [] },
  { id: 'policies', label: 'Policies', hint: 'Password strength and expiration policies.', requires: 'vault.read', landsFor: [] },
  { id: 'audit', label: 'Audit', hint: 'The append-only, hash-chained audit trail.', requires: 'audit.read', landsFor: ['auditor'] },
  { id: 'users', label: 'Users', hint: 'Who may use this vault, their roles, and removing them (administrators).', requires: 'user.manage', landsFor: [] },
  { id: 'settings', label: 'Settings', hint: 'Lock, clipboard, runner and SIEM settings.', requires: 'session', landsFor: [] },
] as const satisfies readonly { id: string; label: string; hint: string; requires: Requirement; landsFor: readonly Role[] }[];

export type ViewId = (typeof VIEWS)[number]['id'];
export type ViewSpec = (typeof VIEWS)[number];

export function isViewId(value: string): value is ViewId {
  return VIEWS.some((view) => view.id === value);
}

function meets(role: Role, requires: Requirement): boolean {
  return requires === 'public' || requires === 'session' || roleHasPermission(role, requires);
}

/** Whether a role can use a view: what navigation offers and the outlet opens. */
export function canUseView(role: Role, view: ViewId): boolean {
  const spec = VIEWS.find((candidate) => candidate.id === view);
  return spec !== undefined && meets(role, spec.requires);
}

/** The views a role can use, in navigation order. */
export function viewsFor(role: Role): readonly ViewSpec[] {
  return VIEWS.filter((view) => meets(role, view.requires));
}

/** Where a role lands after signing in: the view made for it, else the first it can use. */
export function landingViewFor(role: Role): ViewId {
  const usable = viewsFor(role);
  const own = usable.find((view) => (view.landsFor as readonly Role[]).includes(role));
  // Settings needs only a session, so every role has at least that one.
  return own?.id ?? usable[0]?.id ?? 'settings';
}

/**
 * Where this user lands after signing in: the view they chose in "Open after signing in" when their
 * role can use it (a role may have changed since they chose it), else the role's landing view.
 */
export function signInViewFor(role: Role, preferred: string | null | undefined): ViewId {
  return preferred != null && isViewId(preferred) && canUseView(role, preferred) ? preferred : landingViewFor(role);
}
