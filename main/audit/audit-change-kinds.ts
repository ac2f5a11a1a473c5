import type { DataKind } from '../../shared/domain/data-kinds';

/**
 * What an audited write changed, read from its entry's action ("credential.update" changed
 * credentials). Every entry also changes the audit trail itself. Kinds are generous where a list
 * shows another kind's data: the grid shows device hostnames, policy and template names and the
 * state of the last change, so those writes refresh it too.
 */
const KINDS_BY_DOMAIN: Readonly<Record<string, readonly DataKind[]>> = {
  credential: ['credential'],
  device: ['device', 'credential'],
  domain: ['device', 'credential'],
  operation: ['operation', 'credential'],
  bulk: ['bulk'],
  import: ['credential', 'device'],
  template: ['template', 'credential'],
  policy: ['policy', 'credential'],
  user: ['user'],
  session: ['user'],
  settings: ['settings'],
  siem: ['settings'],
};

/** Actions that reach past their own domain. */
const KINDS_BY_ACTION: Readonly<Record<string, readonly DataKind[]>> = {
  // Approval applies every task: the credentials change and expiries schedule changes.
  'bulk.apply': ['bulk', 'credential', 'operation'],
  // A secret revealed or copied changes nothing a list shows but the trail.
  'credential.reveal': [],
  'credential.copy': [],
  'credential.reveal_history': [],
  'operation.reveal_candidate': [],
};

export function changedKindsOf(action: string): readonly DataKind[] {
  const domain = action.split('.', 1)[0] ?? '';
  const kinds = KINDS_BY_ACTION[action] ?? KINDS_BY_DOMAIN[domain] ?? [];
  return [...kinds, 'audit'];
}
