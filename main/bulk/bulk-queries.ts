import type { Kysely, Selectable } from 'kysely';
import type { BulkDecisionView, BulkEditChanges, BulkRequestDetail, BulkRequestView, BulkState, BulkTaskView } from '../../shared/domain/bulk';
import { AppFailure } from '../../shared/errors';
import { roleHasPermission } from '../../shared/roles';
import { countDecidable } from '../approvals/approver-check';
import type { Session } from '../ipc/session';
import type { VaultDatabase } from '../vault/database/vault-schema';
import type { BulkTables } from './bulk-tables';
import { toChanges, type BulkValues } from './bulk-values';

/**
 * Reports > Events > Bulk operations. Approvers see every request (they decide them), and so do
 * roles that audit; anyone else sees only their own requests.
 */
export function seesAllBulkRequests(session: Session): boolean {
  return roleHasPermission(session.role, 'bulk.approve') || roleHasPermission(session.role, 'audit.read');
}

export interface BulkListFilter {
  readonly states?: readonly BulkState[] | undefined;
  readonly offset: number;
  readonly limit: number;
}

type RequestRow = Selectable<BulkTables['bulk_requests']>;

function visible(db: Kysely<VaultDatabase>, session: Session) {
  const base = db.selectFrom('bulk_requests');
  return seesAllBulkRequests(session) ? base : base.where('requested_by_user_id', '=', session.userId);
}

async function decisionsOf(db: Kysely<VaultDatabase>, ids: readonly number[]): Promise<Map<number, BulkDecisionView[]>> {
  const byRequest = new Map<number, BulkDecisionView[]>();
  if (ids.length === 0) return byRequest;
  const rows = await db.selectFrom('bulk_decisions').selectAll().where('request_id', 'in', ids).orderBy('id').execute();
  for (const row of rows) {
    const list = byRequest.get(row.request_id) ?? [];
    list.push({ approver: row.approver, decision: row.decision, justification: row.justification, decidedAt: row.decided_at });
    byRequest.set(row.request_id, list);
  }
  return byRequest;
}

function toView(row: RequestRow, decisions: readonly BulkDecisionView[]): BulkRequestView {
  return {
    id: row.id,
    code: row.code,
    action: row.action,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    expiresAt: row.expires_at,
    state: row.state,
    changes: row.changes === null ? null : (JSON.parse(row.changes) as BulkEditChanges),
    credentialCount: row.credential_count,
    approvals: decisions.filter((d) => d.decision === 'approve').length,
    rejections: decisions.filter((d) => d.decision === 'reject').length,
    decisions,
    decidedAt: row.decided_at,
    appliedAt: row.applied_at,
    message: row.message,
  };
}

export async function listBulkRequests(db: Kysely<VaultDatabase>, session: Session, filter: BulkListFilter): Promise<{ readonly total: number; readonly rows: readonly BulkRequestView[] }> {
  const states = filter.states !== undefined && filter.states.length > 0 ? filter.states : undefined;
  const scoped = states === undefined ? visible(db, session) : visible(db, session).where('state', 'in', states);
  const total = await scoped.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await scoped.selectAll().orderBy('id', 'desc').offset(filter.offset).limit(filter.limit).execute();
  const decisions = await decisionsOf(db, rows.map((r) => r.id));
  return { total: Number(total.n), rows: rows.map((row) => toView(row, decisions.get(row.id) ?? [])) };
}

/** One request with its tasks; NOT_FOUND too when the caller may not see it (no hint it exists). */
export async function getBulkRequest(db: Kysely<VaultDatabase>, session: Session, id: number): Promise<BulkRequestDetail> {
  const row = await visible(db, session).selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw new AppFailure('NOT_FOUND', `No bulk request ${id} is visible to you. List them with bulk list.`);
  const decisions = (await decisionsOf(db, [row.id])).get(row.id) ?? [];
  const taskRows = await db.selectFrom('bulk_tasks').selectAll().where('request_id', '=', id).orderBy('id').execute();
  const tasks: BulkTaskView[] = taskRows.map((t) => ({
    credentialId: t.credential_id,
    identifier: t.identifier,
    changes: toChanges(JSON.parse(t.from_values) as BulkValues, JSON.parse(t.to_values) as BulkValues),
    status: t.status,
    message: t.message,
  }));
  return { ...toView(row, decisions), tasks };
}

/**
 * For the Approvals badge: requests this user may decide (by the decision's own rule,
 * approvalRefusal: never their own, nor one whose requester added them or that predates them),
 * and their own still pending.
 */
export async function pendingBulkCount(db: Kysely<VaultDatabase>, session: Session): Promise<{ readonly awaitingDecision: number; readonly mine: number }> {
  const pending = await db.selectFrom('bulk_requests').select(['code', 'requested_by', 'requested_by_user_id', 'requested_at']).where('state', '=', 'Pending approval').execute();
  const awaiting = roleHasPermission(session.role, 'bulk.approve')
    ? await countDecidable(
        db,
        pending.map((r) => ({ code: r.code, requesterUsername: r.requested_by, requesterUserId: r.requested_by_user_id, requestedAt: r.requested_at })),
        { userId: session.userId, username: session.username },
      )
    : 0;
  return { awaitingDecision: awaiting, mine: pending.filter((r) => r.requested_by_user_id === session.userId).length };
}
