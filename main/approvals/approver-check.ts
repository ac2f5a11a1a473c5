import { sql, type Kysely } from 'kysely';
import { approvalRefusal } from '../../shared/domain/approval-rules';
import { AppFailure } from '../../shared/errors';
import type { VaultDatabase } from '../vault/database/vault-schema';

/** The person deciding: the signed-in session's user. */
export interface Approver {
  readonly userId: string;
  readonly username: string;
}

/** The request being approved, as operations and bulk requests both record it. */
export interface ApprovedRequest {
  readonly code: string;
  readonly requesterUsername: string;
  /** Bulk requests record the requester's id; operations only the username (looked up here). */
  readonly requesterUserId?: string;
  readonly requestedAt: string;
}

/**
 * The one approver check of issue 11, used by operation approvals and bulk approvals alike: reads
 * the approver's and the requester's user rows and refuses, in the approver's words, an approval
 * that cannot count (the requester themself, a user added after the request, a user added by the
 * requester). An operation requested by the system (a policy trigger, a parent chain) has no
 * requester row: any approver who existed before it counts.
 */
export async function refuseUncountedApproval(db: Kysely<VaultDatabase>, request: ApprovedRequest, approver: Approver): Promise<void> {
  const refusal = await uncountedApprovalReason(db, request, approver);
  if (refusal !== null) throw new AppFailure('FORBIDDEN', refusal, { code: request.code });
}

/** Why this approver's approval of this request would not count, or null when it would (the same rule the decision applies). */
export async function uncountedApprovalReason(db: Kysely<VaultDatabase>, request: ApprovedRequest, approver: Approver): Promise<string | null> {
  const row = await db.selectFrom('users').select(['id', 'username', 'created_at', 'created_by']).where('id', '=', approver.userId).executeTakeFirst();
  if (!row) return `${approver.username} is no longer a user of this vault, so their approval cannot count: sign in as an approver.`;
  const requesterUserId = request.requesterUserId ?? (await userIdOf(db, request.requesterUsername));
  return approvalRefusal(
    { code: request.code, requesterUsername: request.requesterUsername, requesterUserId, requestedAt: request.requestedAt },
    { userId: row.id, username: row.username, createdAt: row.created_at, createdBy: row.created_by },
  );
}

/** How many of these requests this approver may decide: what the Approvals badge and the dashboard count. */
export async function countDecidable(db: Kysely<VaultDatabase>, requests: readonly ApprovedRequest[], approver: Approver): Promise<number> {
  let count = 0;
  for (const request of requests) if ((await uncountedApprovalReason(db, request, approver)) === null) count += 1;
  return count;
}

async function userIdOf(db: Kysely<VaultDatabase>, username: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('id').where(sql<string>`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
  return row?.id ?? null;
}
