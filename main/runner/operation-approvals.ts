import { sql, type Kysely } from 'kysely';
import { AppFailure } from '../../shared/errors';
import { refuseUncountedApproval, type Approver } from '../approvals/approver-check';
import { appendAudit } from '../audit/append-audit';
import type { AuditShell } from '../audit/audit-entry';
import type { VaultDatabase } from '../vault/database/vault-schema';

export interface ApprovalDecision {
  readonly code: string;
  readonly approver: Approver;
  readonly shell: AuditShell;
  readonly justification: string;
  readonly now: Date;
  /** How long a request may wait for a decision (the approval expiry setting). */
  readonly expiryHours: number;
}

/** Nothing sealed outlives a change that will never run (a reset's preset candidate). */
const DISCARD_CANDIDATE = { candidate_secret: null, candidate_public_key: null, base_version: null, candidate_sent: 0, candidate_preset: 0 } as const;

/**
 * Seed 000's "Awaiting approval": a change of a highly critical credential waits for an approver.
 * The approval counts only from someone who is not the requester, existed before the request and
 * was not added by the requester (refuseUncountedApproval, shared with bulk approvals); a
 * rejection only needs someone other than the requester, since stopping a change gives nobody a
 * secret. Approved, it is Scheduled now; rejected, it is Canceled with the reason; left undecided
 * past the expiry, it becomes Expired. The decision and its audit entry commit together.
 */
export async function decideOperation(db: Kysely<VaultDatabase>, decision: ApprovalDecision, approve: boolean): Promise<void> {
  if (decision.justification.trim() === '') throw new AppFailure('VALIDATION', 'Give a justification for the decision: it is kept in the audit trail.');
  await expireAwaitingOperations(db, decision.now, decision.expiryHours);
  await db.transaction().execute(async (trx) => {
    const op = await trx.selectFrom('operations').select(['state', 'requester', 'created_at']).where('code', '=', decision.code).executeTakeFirst();
    if (!op) throw new AppFailure('NOT_FOUND', `No operation has code ${decision.code}.`);
    if (op.state !== 'AwaitingApproval') throw new AppFailure('CONFLICT', `Operation ${decision.code} is ${op.state}; only operations Awaiting approval can be ${approve ? 'approved' : 'rejected'}.`);
    if (isOwnRequest(op.requester, decision.approver.username)) {
      throw new AppFailure('FORBIDDEN', `You requested ${decision.code}, so you cannot ${approve ? 'approve' : 'reject'} it: a second person must decide (cancel it instead).`);
    }
    if (approve) await refuseUncountedApproval(trx, { code: decision.code, requesterUsername: op.requester, requestedAt: op.created_at }, decision.approver);
    const stamp = decision.now.toISOString();
    const who = decision.approver.username;
    await trx
      .updateTable('operations')
      .set(
        approve
          ? { state: 'Scheduled', next_attempt_at: stamp, updated_at: stamp, message: `Approved by ${who}: ${decision.justification}` }
          : { state: 'Canceled', finished_at: stamp, updated_at: stamp, message: `Rejected by ${who}: ${decision.justification}`, ...DISCARD_CANDIDATE },
      )
      .where('code', '=', decision.code)
      .where('state', '=', 'AwaitingApproval')
      .execute();
    await appendAudit(trx, { actor: who, shell: decision.shell, action: approve ? 'operation.approve' : 'operation.reject', objectType: 'operation', objectId: decision.code, details: { justification: decision.justification } }, { now: () => decision.now });
  });
}

/** Four eyes: the requester of an operation never decides it (usernames are case-insensitive). */
export function isOwnRequest(requester: string, username: string): boolean {
  return requester.toLowerCase() === username.toLowerCase();
}

/** Operations still Awaiting approval after the expiry become Expired; returns their codes. */
export async function expireAwaitingOperations(db: Kysely<VaultDatabase>, now: Date, expiryHours: number): Promise<string[]> {
  const before = new Date(now.getTime() - expiryHours * 3_600_000).toISOString();
  const stale = await db.selectFrom('operations').select('code').where('state', '=', 'AwaitingApproval').where('created_at', '<', before).execute();
  if (stale.length === 0) return [];
  await db
    .updateTable('operations')
    .set({ state: 'Expired', finished_at: now.toISOString(), updated_at: now.toISOString(), message: sql<string>`'Nobody approved it within ' || ${String(expiryHours)} || ' hours.'`, ...DISCARD_CANDIDATE })
    .where('code', 'in', stale.map((s) => s.code))
    .execute();
  return stale.map((s) => s.code);
}
