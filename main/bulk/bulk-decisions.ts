import type { Kysely } from 'kysely';
import type { BulkDecision, BulkState } from '../../shared/domain/bulk';
import { AppFailure } from '../../shared/errors';
import { refuseUncountedApproval } from '../approvals/approver-check';
import { appendAudit } from '../audit/append-audit';
import type { AuditShell } from '../audit/audit-entry';
import type { Session } from '../ipc/session';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { applyBulkTasks, BulkApplyError } from './bulk-apply';
import { closeTasks, expireStaleBulkRequests } from './bulk-expiry';

export interface DecisionDeps {
  readonly db: Kysely<VaultDatabase>;
  readonly now: Date;
  readonly shell: AuditShell;
  /** Attempts for the change operations an approved Expire schedules (runner setting). */
  readonly maxAttempts: number;
}

export interface DecisionOutcome {
  readonly code: string;
  readonly state: BulkState;
  readonly message: string | null;
  /** Change operations scheduled by an approved Expire, for the runner to pick up. */
  readonly operations: readonly string[];
}

interface OpenRequest {
  readonly id: number;
  readonly code: string;
  readonly action: 'edit' | 'enable' | 'disable' | 'expire';
  readonly requested_by: string;
  readonly requested_by_user_id: string;
  readonly requested_at: string;
}

/** Marks a decision "decided meanwhile" so the approval path does not record it as an Error. */
class DecidedMeanwhile extends AppFailure {}

/**
 * Loads a request that is still open for a decision, or says why not. Expiry is settled first: a
 * request past its expiry becomes Expired here and the decision is refused.
 */
async function openRequest(deps: DecisionDeps, id: number, verb: string): Promise<OpenRequest> {
  await expireStaleBulkRequests(deps.db, deps.now);
  const request = await deps.db.selectFrom('bulk_requests').select(['id', 'code', 'action', 'requested_by', 'requested_by_user_id', 'requested_at', 'state', 'expires_at']).where('id', '=', id).executeTakeFirst();
  if (request === undefined) throw new AppFailure('NOT_FOUND', `No bulk request has id ${id}. List them with bulk.list.`);
  if (request.state === 'Expired') throw new AppFailure('CONFLICT', `${request.code} expired at ${request.expires_at} without a decision, so it can no longer be ${verb}. The requester can request it again.`);
  if (request.state !== 'Pending approval') throw new AppFailure('CONFLICT', `${request.code} is ${request.state}; it can be ${verb} only while Pending approval.`);
  return request;
}

function checkJustification(justification: string): string {
  const text = justification.trim();
  if (text === '') throw new AppFailure('VALIDATION', 'Say why: a justification is required for every decision.', { field: 'justification' });
  return text;
}

function refuseOwn(request: OpenRequest, approver: Session, verb: 'approve' | 'reject'): void {
  // Four eyes: the person who asked is never the person who decides, whatever their role.
  if (request.requested_by_user_id === approver.userId) {
    const instead = verb === 'reject' ? ' To withdraw it, cancel it instead.' : ' Another approver must decide it.';
    throw new AppFailure('FORBIDDEN', `You cannot ${verb} your own request: ${request.code} was requested by ${request.requested_by}.${instead}`, { code: request.code });
  }
}

async function recordDecision(trx: Kysely<VaultDatabase>, request: OpenRequest, approver: Session, decision: BulkDecision, justification: string, deps: DecisionDeps): Promise<void> {
  await trx
    .insertInto('bulk_decisions')
    .values({ request_id: request.id, approver: approver.username, approver_user_id: approver.userId, decision, justification, decided_at: deps.now.toISOString() })
    .execute();
  await appendAudit(trx, { actor: approver.username, shell: deps.shell, action: decision === 'approve' ? 'bulk.approve' : 'bulk.reject', objectType: 'bulk_request', objectId: request.code, details: { justification } });
}

async function claim(trx: Kysely<VaultDatabase>, request: OpenRequest, state: BulkState, deps: DecisionDeps, message: string | null = null): Promise<void> {
  const stamp = deps.now.toISOString();
  const result = await trx
    .updateTable('bulk_requests')
    .set({ state, decided_at: stamp, message })
    .where('id', '=', request.id)
    .where('state', '=', 'Pending approval')
    .where('expires_at', '>', stamp)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new DecidedMeanwhile('CONFLICT', `${request.code} was decided, canceled or expired a moment ago; reload it to see its state.`);
}

/**
 * Approves and applies, all-or-nothing: the decision, every credential write, every task's status,
 * the operations Expire schedules and the audit entries commit together in one transaction. If any
 * task fails, all of that rolls back; then, in a second transaction, the approval is recorded with
 * the request in Error, the failing task in error and the others skipped, with the reason.
 */
export async function approveBulkRequest(deps: DecisionDeps, id: number, approver: Session, justification: string): Promise<DecisionOutcome> {
  const request = await openRequest(deps, id, 'approved');
  refuseOwn(request, approver, 'approve');
  // The same approver rule as operations: not added after the request, nor by the requester.
  await refuseUncountedApproval(deps.db, { code: request.code, requesterUsername: request.requested_by, requesterUserId: request.requested_by_user_id, requestedAt: request.requested_at }, approver);
  const why = checkJustification(justification);
  const stamp = deps.now.toISOString();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      // Running only inside this transaction: nobody else sees it half-applied.
      await claim(trx, request, 'Running', deps);
      await recordDecision(trx, request, approver, 'approve', why, deps);
      const outcome = await applyBulkTasks(trx, { requestId: request.id, action: request.action, requestedBy: request.requested_by, requestedAt: request.requested_at, now: deps.now, maxAttempts: deps.maxAttempts });
      const message = `Applied to ${outcome.applied.length} credential(s)${outcome.skipped > 0 ? `, ${outcome.skipped} already as requested` : ''}${outcome.operations.length > 0 ? `; ${outcome.operations.length} change operation(s) scheduled` : ''}.`;
      await trx.updateTable('bulk_requests').set({ state: 'Success', applied_at: stamp, message }).where('id', '=', request.id).execute();
      await appendAudit(trx, {
        actor: approver.username,
        shell: deps.shell,
        action: 'bulk.apply',
        objectType: 'bulk_request',
        objectId: request.code,
        details: { action: request.action, requestedBy: request.requested_by, credentials: [...outcome.applied], skipped: outcome.skipped, operations: [...outcome.operations] },
      });
      return { code: request.code, state: 'Success' as const, message, operations: outcome.operations };
    });
  } catch (error) {
    if (error instanceof DecidedMeanwhile) throw error;
    return recordFailedApplication(deps, request, approver, why, error);
  }
}

async function recordFailedApplication(deps: DecisionDeps, request: OpenRequest, approver: Session, justification: string, error: unknown): Promise<DecisionOutcome> {
  const reason = error instanceof BulkApplyError || error instanceof AppFailure ? error.message : `the vault refused a write (${error instanceof Error ? error.message : String(error)}); nothing was applied.`;
  const message = `Approved, but not applied: ${reason}`;
  await deps.db.transaction().execute(async (trx) => {
    await claim(trx, request, 'Error', deps, message);
    await recordDecision(trx, request, approver, 'approve', justification, deps);
    if (error instanceof BulkApplyError) {
      await trx.updateTable('bulk_tasks').set({ status: 'error', message: reason }).where('request_id', '=', request.id).where('credential_id', '=', error.credentialId).execute();
    }
    await closeTasks(trx, request.id, 'Not applied: the request is all-or-nothing and another task failed.');
    await appendAudit(trx, { actor: approver.username, shell: deps.shell, action: 'bulk.apply_failed', objectType: 'bulk_request', objectId: request.code, details: { reason } });
  });
  return { code: request.code, state: 'Error', message, operations: [] };
}

export async function rejectBulkRequest(deps: DecisionDeps, id: number, approver: Session, justification: string): Promise<DecisionOutcome> {
  const request = await openRequest(deps, id, 'rejected');
  refuseOwn(request, approver, 'reject');
  const why = checkJustification(justification);
  await deps.db.transaction().execute(async (trx) => {
    await claim(trx, request, 'Rejected', deps, `Rejected by ${approver.username}.`);
    await recordDecision(trx, request, approver, 'reject', why, deps);
    await closeTasks(trx, request.id, 'Not applied: the request was rejected.');
  });
  return { code: request.code, state: 'Rejected', message: `Rejected by ${approver.username}.`, operations: [] };
}

/** The requester withdraws a request nobody has decided yet. */
export async function cancelBulkRequest(deps: DecisionDeps, id: number, requester: Session): Promise<DecisionOutcome> {
  const request = await openRequest(deps, id, 'canceled');
  if (request.requested_by_user_id !== requester.userId) {
    throw new AppFailure('FORBIDDEN', `Only ${request.requested_by}, who requested ${request.code}, can cancel it. An approver can reject it instead.`, { code: request.code });
  }
  const message = `Canceled by ${requester.username}.`;
  await deps.db.transaction().execute(async (trx) => {
    await claim(trx, request, 'Canceled', deps, message);
    await closeTasks(trx, request.id, 'Not applied: the request was canceled.');
    await appendAudit(trx, { actor: requester.username, shell: deps.shell, action: 'bulk.cancel', objectType: 'bulk_request', objectId: request.code });
  });
  return { code: request.code, state: 'Canceled', message, operations: [] };
}
