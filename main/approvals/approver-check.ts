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
  const [refusal] = await uncountedApprovalReasons(db, [request], approver);
  if (typeof refusal === 'string') throw new AppFailure('FORBIDDEN', refusal, { code: request.code });
}

/** How many of these requests this approver may decide: what the Approvals badge and the dashboard count. */
export async function countDecidable(db: Kysely<VaultDatabase>, requests: readonly ApprovedRequest[], approver: Approver): Promise<number> {
  return (await uncountedApprovalReasons(db, requests, approver)).filter((reason) => reason === null).length;
}

/**
 * Why this approver's approval of each request would not count (null where it would): the
 * approver's row is read once, each requester's id at most once.
 */
async function uncountedApprovalReasons(db: Kysely<VaultDatabase>, requests: readonly ApprovedRequest[], approver: Approver): Promise<(string | null)[]> {
  if (requests.length === 0) return [];
  const row = await db.selectFrom('users').select(['id', 'username', 'created_at', 'created_by']).where('id', '=', approver.userId).executeTakeFirst();
  if (!row) return requests.map(() => `${approver.username} is no longer a user of this vault, so their approval cannot count: sign in as an approver.`);
  const idsByName = new Map<string, string | null>();
  const reasons: (string | null)[] = [];
  for (const request of requests) {
    let requesterUserId = request.requesterUserId ?? idsByName.get(request.requesterUsername.toLowerCase());
    if (requesterUserId === undefined) {
      requesterUserId = await userIdOf(db, request.requesterUsername);
      idsByName.set(request.requesterUsername.toLowerCase(), requesterUserId);
    }
    reasons.push(
      approvalRefusal(
        { code: request.code, requesterUsername: request.requesterUsername, requesterUserId, requestedAt: request.requestedAt },
        { userId: row.id, username: row.username, createdAt: row.created_at, createdBy: row.created_by },
      ),
    );
  }
  return reasons;
}

async function userIdOf(db: Kysely<VaultDatabase>, username: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('id').where(sql<string>`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
  return row?.id ?? null;
}
