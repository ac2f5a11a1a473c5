import type { AuditRecord } from './audit-entry';

/** Told of every entry appended to one open vault's trail (the change it records is in the same transaction). */
export type AuditListener = (entry: Pick<AuditRecord, 'action' | 'objectType'>) => void;

interface KyselyHandle {
  getExecutor(): { readonly adapter: object };
}

// Keyed by the dialect adapter like the audit signers: every handle on one vault (the database and
// each transaction) shares it, so appendAudit reaches the listener from whatever handle it is given.
const bound = new WeakMap<object, AuditListener>();

/**
 * Every change is written with its audit entry through appendAudit, so this is the one place that
 * sees all writes: main's change events are raised here rather than in each handler.
 */
export function bindAuditListener(db: KyselyHandle, listener: AuditListener): void {
  bound.set(db.getExecutor().adapter, listener);
}

export function auditListenerOf(db: KyselyHandle): AuditListener | undefined {
  return bound.get(db.getExecutor().adapter);
}
