import type { Kysely, Selectable } from 'kysely';
import { BULK_TASK_PAGE, BULK_TASK_STATUSES, type BulkDecisionView, type BulkEditChanges, type BulkRequestDetail, type BulkRequestView, type BulkState, type BulkTaskPage, type BulkTaskStatus, type BulkTaskView } from '../../shared/domain/bulk';
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

async function visibleRequest(db: Kysely<VaultDatabase>, session: Session, id: number): Promise<RequestRow> {
  const row = await visible(db, session).selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw new AppFailure('NOT_FOUND', `No bulk request ${id} is visible to you. List them with bulk list.`);
  return row;
}

/**
 * A page of a request's tasks, in request order, optionally of one status. The index on
 * (request_id, credential_id) finds the request's tasks; a page of 500 costs milliseconds even in a
 * request of 100,000.
 */
async function taskPage(db: Kysely<VaultDatabase>, id: number, page: { readonly status?: BulkTaskStatus | undefined; readonly offset: number; readonly limit: number }): Promise<BulkTaskView[]> {
  const base = db.selectFrom('bulk_tasks').selectAll().where('request_id', '=', id);
  const scoped = page.status === undefined ? base : base.where('status', '=', page.status);
  const rows = await scoped.orderBy('id').offset(page.offset).limit(page.limit).execute();
  return rows.map((t) => ({
    credentialId: t.credential_id,
    identifier: t.identifier,
    changes: toChanges(JSON.parse(t.from_values) as BulkValues, JSON.parse(t.to_values) as BulkValues),
    status: t.status,
    message: t.message,
  }));
}

async function taskCounts(db: Kysely<VaultDatabase>, id: number): Promise<Record<BulkTaskStatus, number>> {
  const counts = Object.fromEntries(BULK_TASK_STATUSES.map((status) => [status, 0])) as Record<BulkTaskStatus, number>;
  const rows = await db.selectFrom('bulk_tasks').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('request_id', '=', id).groupBy('status').execute();
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

/**
 * One request with its task counts and first page of tasks; NOT_FOUND too when the caller may not
 * see it (no hint it exists).
 */
export async function getBulkRequest(db: Kysely<VaultDatabase>, session: Session, id: number): Promise<BulkRequestDetail> {
  const row = await visibleRequest(db, session, id);
  const decisions = (await decisionsOf(db, [row.id])).get(row.id) ?? [];
  return { ...toView(row, decisions), tasks: await taskPage(db, id, { offset: 0, limit: BULK_TASK_PAGE }), taskCounts: await taskCounts(db, id) };
}

/** Any page of a request's tasks, to whoever may see the request. */
export async function listBulkTasks(db: Kysely<VaultDatabase>, session: Session, id: number, page: { readonly status?: BulkTaskStatus | undefined; readonly offset: number; readonly limit: number }): Promise<BulkTaskPage> {
  await visibleRequest(db, session, id);
  const counts = await taskCounts(db, id);
  const total = page.status === undefined ? Object.values(counts).reduce((sum, n) => sum + n, 0) : counts[page.status];
  return { total, rows: await taskPage(db, id, page) };
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
