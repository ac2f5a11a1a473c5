import type { AuditRecord } from './audit-entry';
import { perVaultBinding, type KyselyHandle } from './per-vault-binding';

/** Told of every entry appended to one open vault's trail (the change it records is in the same transaction). */
export type AuditListener = (entry: Pick<AuditRecord, 'action' | 'objectType'>) => void;

// Bound like the audit signers (per-vault-binding.ts), so appendAudit reaches the listener from
// whatever handle it is given.
const listenerOfVault = perVaultBinding<AuditListener>();

/**
 * Every change is written with its audit entry through appendAudit, so this is the one place that
 * sees all writes: main's change events are raised here rather than in each handler.
 */
export function bindAuditListener(db: KyselyHandle, listener: AuditListener): void {
  listenerOfVault.bind(db, listener);
}

export function auditListenerOf(db: KyselyHandle): AuditListener | undefined {
  return listenerOfVault.of(db);
}
