import type { Requirement } from '../roles';

/**
 * What a list can show, as main's change events name it. A `vault.changed` event says which kinds
 * changed (never values); each window refetches the lists showing one of them.
 */
export const DATA_KINDS = ['credential', 'device', 'operation', 'bulk', 'template', 'policy', 'user', 'settings', 'audit'] as const;
export type DataKind = (typeof DATA_KINDS)[number];

/**
 * Who may hear that a kind changed: the permission that reads it (the channel listing it needs the
 * same). An event is trimmed to the kinds its recipient can read, and not sent when none is left,
 * so even "something changed in the audit trail" reaches only those who may read the trail.
 */
export const DATA_KIND_READ: Readonly<Record<DataKind, Requirement>> = {
  credential: 'vault.read',
  device: 'vault.read',
  operation: 'operation.read',
  bulk: 'bulk.read',
  template: 'template.read',
  policy: 'vault.read',
  user: 'user.manage',
  settings: 'session',
  audit: 'audit.read',
};
