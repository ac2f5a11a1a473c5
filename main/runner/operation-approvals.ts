import { sql, type Kysely } from 'kysely';
import { AppFailure } from '../../shared/errors';
import type { VaultDatabase } from '../vault/database/vault-schema';

export interface ApprovalDecision {
  readonly code: string;
  readonly approver: string;
  readonly justification: string;
  readonly now: Date;
  /** How long a request may wait for a decision (the approval expiry setting). */
  readonly expiryHours: number;
}

/**
 * Seed 000's "Awaiting approval": a change of a highly critical credential waits for an approver
 * who is not the requester. Approved, it is Scheduled now; rejected, it is Canceled with the
 * reason; left undecided past the expiry, it becomes Expired.
 */
export async function decideOperation(db: Kysely<VaultDatabase>, decision: ApprovalDecision, approve: boolean): Promise<void> {
  if (decision.justification.trim() === '') throw new AppFailure('VALIDATION', 'Give a justification for the decision: it is kept in the audit trail.');
  await expireAwaitingOperations(db, decision.now, decision.expiryHours);
  const op = await db.selectFrom('operations').select(['state', 'requester']).where('code', '=', decision.code).executeTakeFirst();
  if (!op) throw new AppFailure('NOT_FOUND', `No operation has code ${decision.code}.`);
  if (op.state !== 'AwaitingApproval') throw new AppFailure('CONFLICT', `Operation ${decision.code} is ${op.state}; only operations Awaiting approval can be ${approve ? 'approved' : 'rejected'}.`);
  if (isOwnRequest(op.requester, decision.approver)) {
    throw new AppFailure('FORBIDDEN', `You requested ${decision.code}, so you cannot ${approve ? 'approve' : 'reject'} it: a second person must decide (cancel it instead).`);
  }
  const stamp = decision.now.toISOString();
  await db
    .updateTable('operations')
    .set(
      approve
        ? { state: 'Scheduled', next_attempt_at: stamp, updated_at: stamp, message: `Approved by ${decision.approver}: ${decision.justification}` }
        : { state: 'Canceled', finished_at: stamp, updated_at: stamp, message: `Rejected by ${decision.approver}: ${decision.justification}` },
    )
    .where('code', '=', decision.code)
    .where('state', '=', 'AwaitingApproval')
    .execute();
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
    .set({ state: 'Expired', finished_at: now.toISOString(), updated_at: now.toISOString(), message: sql<string>`'Nobody approved it within ' || ${String(expiryHours)} || ' hours.'` })
    .where('code', 'in', stale.map((s) => s.code))
    .execute();
  return stale.map((s) => s.code);
}
