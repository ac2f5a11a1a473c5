import type { Kysely } from 'kysely';
import type { OperationApprovalView, PendingApprovalCount } from '../../shared/contract/approval-channels';
import { roleHasPermission } from '../../shared/roles';
import { pendingBulkCount } from '../bulk/bulk-queries';
import { countDecidable } from './approver-check';
import type { Session } from '../ipc/session';
import { expireAwaitingOperations, isOwnRequest } from '../runner/operation-approvals';
import { listOperations } from '../runner/operation-queries';
import type { VaultDatabase } from '../vault/database/vault-schema';

export interface ApprovalClock {
  readonly now: Date;
  /** How long a request may wait for a decision (the approval expiry setting). */
  readonly expiryHours: number;
}

/** Most operations one screen lists; the rest appear as these are decided. */
const LISTED = 500;

/**
 * The one count of what awaits this user's decision: bulk requests (bulk.approve) and operations
 * Awaiting approval (operation.approve), never their own. The navigation badge and the dashboard
 * both show it. Undecided operations past the expiry are settled first, as the runner does.
 */
export async function pendingApprovalCount(db: Kysely<VaultDatabase>, session: Session, clock: ApprovalClock): Promise<PendingApprovalCount> {
  // Both kinds are counted by the rule the decision applies (approvalRefusal), so the badge never
  // offers a request this approver's approval could not count for.
  const bulk = await pendingBulkCount(db, session);
  let operations = 0;
  if (roleHasPermission(session.role, 'operation.approve')) {
    await expireAwaitingOperations(db, clock.now, clock.expiryHours);
    const awaiting = await db.selectFrom('operations').select(['code', 'requester', 'created_at']).where('state', '=', 'AwaitingApproval').execute();
    operations = await countDecidable(db, awaiting.map((o) => ({ code: o.code, requesterUsername: o.requester, requestedAt: o.created_at })), { userId: session.userId, username: session.username });
  }
  return { awaitingDecision: bulk.awaitingDecision + operations, bulk: bulk.awaitingDecision, operations, mine: bulk.mine };
}

/** Operations Awaiting approval, oldest first (the first to expire), with what an approver weighs. */
export async function operationApprovals(db: Kysely<VaultDatabase>, session: Session, clock: ApprovalClock): Promise<OperationApprovalView[]> {
  await expireAwaitingOperations(db, clock.now, clock.expiryHours);
  const { rows } = await listOperations(db, { states: ['AwaitingApproval'], limit: LISTED, offset: 0 });
  if (rows.length === 0) return [];
  const extra = await db
    .selectFrom('operations as o')
    .innerJoin('credentials as c', 'c.id', 'o.credential_id')
    .select(['o.id', 'o.created_at', 'c.criticality'])
    .where('o.id', 'in', rows.map((r) => r.id))
    .execute();
  const byId = new Map(extra.map((e) => [e.id, e]));
  return rows
    .map((row) => {
      const more = byId.get(row.id);
      const requestedAt = more?.created_at ?? row.scheduledAt;
      return {
        ...row,
        criticality: more?.criticality ?? null,
        requestedAt,
        expiresAt: new Date(Date.parse(requestedAt) + clock.expiryHours * 3_600_000).toISOString(),
        ownRequest: isOwnRequest(row.requester, session.username),
      };
    })
    .reverse();
}
