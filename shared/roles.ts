/**
 * Who may do what. Main enforces these on every IPC channel and CLI command; the renderer only
 * uses them to hide what a role cannot do (hiding is comfort, not security).
 */
export const ROLES = ['administrator', 'operator', 'approver', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'vault.read',
  'credential.write',
  'credential.reveal',
  'device.write',
  'domain.write',
  'user.manage',
  'audit.read',
  'template.read',
  'template.write',
  'operation.read',
  'operation.request',
  'bulk.read',
  'bulk.request',
  'bulk.approve',
  'settings.write',
  'policy.write',
  'operation.approve',
  /** Settle an Unverified change by hand (say which secret the target holds, or reconcile). */
  'operation.settle',
  /** Delete a credential, device, template or policy for good (archive is the everyday way out). */
  'vault.delete',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * `public` channels need no signed-in user (status, first run, unlock); `session` ones need a
 * signed-in user of any role (lock, sign out, own passphrase); the rest name a permission.
 */
export type Requirement = 'public' | 'session' | Permission;

const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  // Administrators run the vault but do not approve requests: four-eyes means a second, distinct
  // role signs off.
  administrator: new Set(PERMISSIONS.filter((p) => p !== 'bulk.approve' && p !== 'operation.approve')),
  operator: new Set<Permission>([
    'vault.read',
    'credential.write',
    'credential.reveal',
    'template.read',
    'operation.read',
    'operation.request',
    'bulk.read',
    'bulk.request',
  ]),
  approver: new Set<Permission>(['vault.read', 'operation.read', 'bulk.read', 'bulk.approve', 'operation.approve']),
  auditor: new Set<Permission>(['vault.read', 'audit.read', 'operation.read', 'bulk.read', 'template.read']),
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return [...ROLE_PERMISSIONS[role]];
}

/**
 * Roles whose key slots hold the vault's secrets key: those that may reveal a secret or run a change.
 * The one rule for keys per role (slot creation, promotion, demotion, rotation).
 */
export function roleHoldsSecrets(role: Role): boolean {
  return roleHasPermission(role, 'credential.reveal') || roleHasPermission(role, 'operation.request');
}
