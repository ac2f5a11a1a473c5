import type { Kysely } from 'kysely';
import { AppFailure } from '../../shared/errors';
import { appendAudit } from '../audit/append-audit';
import type { NewAuditEntry } from '../audit/audit-entry';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { changeRefusal, type ChangeSubject } from '../../shared/domain/change-refusal';
import { changesSecret, type OperationType } from './operation-model';

/**
 * The backstop of seed 000's human-interaction rule, called by createOperation, which every path
 * that schedules work passes through: an operation that would put a new secret on the target of a
 * credential needing MFA or a human step is never created. Callers ask changeRefusal first so they
 * can list or record the refusal; this makes a forgotten check fail loudly instead of changing it.
 */
export function refuseHumanOnlyChange(type: OperationType, credential: ChangeSubject): void {
  if (!changesSecret(type)) return;
  const refusal = changeRefusal(credential);
  if (refusal !== null) throw new AppFailure('CONFLICT', refusal);
}

/** Appends an entry in the caller's transaction, at once or with the rest of its group (see group-commit). */
export type AuditAppend = (entry: NewAuditEntry) => unknown;

/**
 * The parent chain (seed 002): a child that needs MFA or a human step is not changed with its
 * parent. The skip is recorded as an audit entry in the parent's promotion transaction rather than
 * as an operation in Error: nothing failed, an Error would count on the dashboard's failed changes
 * and invite a Restart the rule would refuse again, while the audit trail (and the SIEM) keep who,
 * which parent operation and why. Returns whether the child was skipped.
 */
export async function skipHumanOnlyChild(
  trx: Kysely<VaultDatabase>,
  parent: { readonly code: string; readonly credentialId: number },
  child: ChangeSubject & { readonly id: number },
  audit: AuditAppend = (entry) => appendAudit(trx, entry),
): Promise<boolean> {
  const refusal = changeRefusal(child);
  if (refusal === null) return false;
  await audit({
    actor: 'system',
    shell: 'system',
    action: 'operation.child_skipped',
    objectType: 'credential',
    objectId: String(child.id),
    details: { parentOperation: parent.code, parentCredential: parent.credentialId, identifier: child.identifier, reason: refusal },
  });
  return true;
}
