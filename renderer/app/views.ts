/** The app's views, in navigation order. Each later feature replaces its placeholder. */
export const VIEWS = [
  { id: 'dashboard', label: 'Dashboard', hint: 'Password-change counters, failures and pending approvals.' },
  { id: 'credentials', label: 'Credentials', hint: 'The vault\'s passwords, SSH keys and PINs.' },
  { id: 'operations', label: 'Operations', hint: 'Password changes, verifications and reconciliations.' },
  { id: 'attempts', label: 'Attempts', hint: 'Every attempt of every operation, with its masked transcript.' },
  { id: 'bulk', label: 'Bulk operations', hint: 'Bulk edit, enable, disable and expire requests and their results.' },
  { id: 'approvals', label: 'Approvals', hint: 'Bulk requests waiting for a second person\'s decision.' },
  { id: 'templates', label: 'Templates', hint: 'Execution templates with [#TAG#] placeholders.' },
  { id: 'devices', label: 'Devices', hint: 'Hosts and network devices, with their pinned SSH host keys.' },
  { id: 'policies', label: 'Policies', hint: 'Password strength and expiration policies.' },
  { id: 'audit', label: 'Audit', hint: 'The append-only, hash-chained audit trail.' },
  { id: 'users', label: 'Users', hint: 'Who may use this vault, their roles, and removing them (administrators).' },
  { id: 'settings', label: 'Settings', hint: 'Lock, clipboard, runner and SIEM settings.' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];

export function isViewId(value: string): value is ViewId {
  return VIEWS.some((view) => view.id === value);
}
