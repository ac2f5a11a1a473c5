import { OPEN_STATES, SECRET_CHANGING_TYPES } from '../../shared/domain/operation-rules';
import { sql, type Kysely, type Updateable } from 'kysely';
import { EXPIRES_AT_REQUEST, type BulkAction, type BulkField, type BulkTaskStatus } from '../../shared/domain/bulk';
import type { ParsedCredentialUpsertRequest } from '../../shared/domain/credential-upsert-request';
import type { Criticality } from '../../shared/domain/credential-settings';
import type { CredentialView } from '../../shared/domain/credential-view';
import { changeRefusal } from '../../shared/domain/change-refusal';
import { formatTagList } from '../../shared/domain/tag-list';
import { credentialChanges, mergedSettings } from '../credentials/credential-changes';
import type { CredentialsTable } from '../credentials/credential-tables';
import { loadCredentialViews } from '../credentials/credential-view-mapper';
import { updateCredentialRows, writeTagChangesOfRows, type CredentialRowWrite } from '../credentials/credential-writes';
import { asCredentialsDb } from '../credentials/credentials-db';
import { createOperation } from '../runner/operation-store';
import type { OperationType } from '../runner/operation-model';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { ExecutionReferenceResolver } from '../credentials/execution-references';
import { checkBulkExecution, executionPatch } from './bulk-execution-patch';
import { currentValue, eligibilityReason, sameValue, type BulkValues } from './bulk-values';

/** A task that cannot be applied: the whole application rolls back and the request goes Error. */
export class BulkApplyError extends Error {
  readonly credentialId: number;
  constructor(credentialId: number, message: string) {
    super(message);
    this.name = 'BulkApplyError';
    this.credentialId = credentialId;
  }
}

export interface ApplyContext {
  readonly requestId: number;
  readonly action: BulkAction;
  /** Who asked: the operations Expire schedules are theirs. */
  readonly requestedBy: string;
  /** When it was asked for: Expire sets the expiration to this instant (seed 001). */
  readonly requestedAt: string;
  readonly now: Date;
  readonly maxAttempts: number;
}

export interface ApplyOutcome {
  readonly applied: readonly number[];
  readonly skipped: number;
  readonly operations: readonly string[];
}


interface TaskRow {
  readonly id: number;
  readonly credential_id: number;
  readonly identifier: string;
  readonly from: BulkValues;
  readonly to: BulkValues;
}

/** Tasks checked per step: the views of one step are dropped before the next is loaded (see reviewBulk). */
const APPLY_STEP = 5000;

/**
 * A request's tasks in id order, From and To parsed. One JSON array built by SQLite: turning each
 * result row into an object column by column costs the driver far more than one JSON.parse.
 */
async function loadTasks(trx: Kysely<VaultDatabase>, requestId: number): Promise<TaskRow[]> {
  const result = await sql<{ tasks: string | null }>`
    select json_group_array(json_object('id', id, 'credential_id', credential_id, 'identifier', identifier, 'from', json(from_values), 'to', json(to_values)) order by id) as tasks
    from bulk_tasks where request_id = ${requestId}`.execute(trx);
  return JSON.parse(result.rows[0]?.tasks ?? '[]') as TaskRow[];
}

/**
 * Writes every task's To to its credential, inside the caller's transaction (approval). Each task
 * is checked first: the credential still exists, is still eligible, and still holds the From the
 * approver saw (else applying To would silently undo someone's later edit). The column changes go
 * through the credential upsert's own rules (credentialChanges, mergedSettings, plugin checks).
 * Only once every task passed are the credentials written, many rows per statement.
 */
export async function applyBulkTasks(trx: Kysely<VaultDatabase>, context: ApplyContext): Promise<ApplyOutcome> {
  const stamp = context.now.toISOString();
  const tasks = await loadTasks(trx, context.requestId);
  const credentials = asCredentialsDb(trx);
  const devices = await targetDevices(trx, tasks);
  const resolver = new ExecutionReferenceResolver(credentials);

  const writes: CredentialRowWrite[] = [];
  // Expire schedules changes from the views as they were checked; no other action keeps them.
  const rotating = new Map<number, CredentialView>();
  const applied: number[] = [];
  let skipped = 0;
  for (let step = 0; step < tasks.length; step += APPLY_STEP) {
    const part = tasks.slice(step, step + APPLY_STEP);
    const views = new Map((await loadCredentialViews(credentials, part.map((t) => t.credential_id))).map((view) => [view.id, view]));
    for (const task of part) {
      const view = views.get(task.credential_id);
      if (view === undefined) throw new BulkApplyError(task.credential_id, `${task.identifier} (id ${task.credential_id}) was deleted after the request; nothing was applied. Request again without it.`);
      checkStillAsReviewed(context.action, task, view);
      if (task.to.rotation !== undefined) rotating.set(view.id, view);
      if (Object.keys(task.to).length === 0) {
        skipped += 1;
        continue;
      }
      const { columns, tags } = await columnsFor(resolver, task, view, devices, context.requestedAt);
      writes.push({ id: view.id, columns, tags: tags === undefined ? undefined : { before: view.tags, after: tags } });
      applied.push(view.id);
    }
  }
  await updateCredentialRows(credentials, writes, stamp);
  await writeTagChangesOfRows(credentials, writes);
  const operations = context.action === 'expire' ? await scheduleRotations(trx, tasks, rotating, context) : [];
  await markTasks(trx, context);
  return { applied, skipped, operations };
}

async function targetDevices(trx: Kysely<VaultDatabase>, tasks: readonly TaskRow[]): Promise<ReadonlyMap<string, number>> {
  const wanted = new Map<string, { hostname: string; ip: string }>();
  for (const task of tasks) {
    const device = task.to.device as { hostname: string; ip: string } | undefined;
    if (device !== undefined) wanted.set(`${device.hostname} ${device.ip}`, device);
  }
  const found = new Map<string, number>();
  for (const [key, device] of wanted) {
    const row = await trx.selectFrom('devices').select('id').where('hostname', '=', device.hostname).where('ip', '=', device.ip).executeTakeFirst();
    if (row !== undefined) found.set(key, row.id);
  }
  return found;
}

function checkStillAsReviewed(action: BulkAction, task: TaskRow, view: CredentialView): void {
  const ineligible = eligibilityReason(action, view);
  if (ineligible !== undefined) throw new BulkApplyError(view.id, `${ineligible} It changed after the request; nothing was applied. Request again.`);
  for (const [field, was] of Object.entries(task.from) as [BulkField, BulkValues[BulkField]][]) {
    const now = currentValue(view, field);
    if (!sameValue(now, was ?? null)) {
      throw new BulkApplyError(view.id, `${view.identifier}: ${field} changed after the request (was ${JSON.stringify(was)}, now ${JSON.stringify(now)}); nothing was applied. Request again so the approver sees the current values.`);
    }
  }
}

/** The task's To in the upsert's vocabulary, turned into columns by the upsert's own rules. */
async function columnsFor(resolver: ExecutionReferenceResolver, task: TaskRow, view: CredentialView, devices: ReadonlyMap<string, number>, requestedAt: string): Promise<{ columns: Updateable<CredentialsTable>; tags: readonly string[] | undefined }> {
  const to = task.to;
  const device = to.device as { hostname: string; ip: string } | undefined;
  const deviceId = device === undefined ? undefined : devices.get(`${device.hostname} ${device.ip}`);
  if (device !== undefined && deviceId === undefined) {
    throw new BulkApplyError(view.id, `The device ${device.hostname} (${device.ip}) no longer exists; nothing was applied. Register it again or request another device.`);
  }
  const has = (field: BulkField) => Object.prototype.hasOwnProperty.call(to, field);
  const request: ParsedCredentialUpsertRequest = {
    username: view.username,
    hostname: device?.hostname ?? view.hostname,
    ip: device?.ip ?? view.ip,
    ...(has('credential_type') ? { credential_type: to.credential_type as string } : {}),
    ...(has('domain') ? { domain: to.domain as string | null } : {}),
    ...(has('additional') ? { additional: to.additional as string | null } : {}),
    ...(has('tags') ? { tags: formatTagList(to.tags as readonly string[]) } : {}),
    ...(has('parent_credential_id') ? { parent_password: to.parent_credential_id as number | null } : {}),
    ...(has('status') ? { status: to.status as 'active' | 'inactive' } : {}),
    ...(has('needs_human_interaction') ? { needs_human_interaction: to.needs_human_interaction as boolean } : {}),
    ...(has('criticality') ? { additional_settings: { criticality: to.criticality as Criticality | null } } : {}),
    // Seed 001: the expiration is the time of the request. Stored tasks carry it; a placeholder
    // (a request stored before they did, or 'on approval' from earlier builds) means the same.
    ...(has('expires_at') ? { expires_at: to.expires_at === EXPIRES_AT_REQUEST || to.expires_at === 'on approval' ? requestedAt : (to.expires_at as string | null) } : {}),
  };
  const parentId = to.parent_credential_id;
  if (typeof parentId === 'number' && (parentId === view.id || (await resolver.closesCycle(view.id, parentId)))) {
    throw new BulkApplyError(view.id, `${view.identifier}: credential ${parentId} cannot be its parent: that would close a cycle (error 9109); nothing was applied.`);
  }
  const patch = executionPatch(to);
  if (patch !== undefined) Object.assign(request, { execution_settings: patch });
  const merged = mergedSettings(request, view);
  let templateIds = {};
  if (patch !== undefined) {
    const checked = await checkBulkExecution(resolver, view, patch, { hostname: request.hostname, ip: request.ip });
    if (!checked.ok) throw new BulkApplyError(view.id, `${view.identifier}: ${checked.refusal.detail.replace(/\.$/, '')} (error ${checked.refusal.code}); nothing was applied.`);
    templateIds = { change_template_id: checked.changeTemplateId, reconciliation_template_id: checked.reconciliationTemplateId };
  }
  const changes = credentialChanges(request, view, merged);
  // The upsert always names the username; a bulk request never changes it, and leaving it out lets
  // credentials with the same changes share one UPDATE.
  const { username: _unchanged, ...plain } = changes.columns;
  const columns = { ...plain, ...templateIds };
  return { columns: deviceId === undefined ? columns : { ...columns, device_id: deviceId }, tags: changes.tags };
}

/** Expire: a change operation for each credential with automatic change, unless one is already open. */
async function scheduleRotations(trx: Kysely<VaultDatabase>, tasks: readonly TaskRow[], views: ReadonlyMap<number, CredentialView>, context: ApplyContext): Promise<string[]> {
  const rotating = tasks.filter((t) => t.to.rotation !== undefined);
  if (rotating.length === 0) return [];
  const open = new Map<number, string>();
  const ids = rotating.map((t) => t.credential_id);
  for (let i = 0; i < ids.length; i += 2000) {
    const rows = await trx.selectFrom('operations').select(['credential_id', 'code']).where('credential_id', 'in', ids.slice(i, i + 2000)).where('type', 'in', SECRET_CHANGING_TYPES).where('state', 'in', OPEN_STATES).execute();
    for (const row of rows) open.set(row.credential_id, row.code);
  }
  const codes: string[] = [];
  for (const task of rotating) {
    const already = open.get(task.credential_id);
    const view = views.get(task.credential_id);
    let message: string;
    const refusal = view === undefined ? null : changeRefusal(view);
    if (already !== undefined) message = `Expired; ${already} was already open for this credential, so no second change was scheduled.`;
    // Marked after the request was reviewed: expire it, but never change it (seed 000).
    else if (refusal !== null) message = `Expired; no change scheduled: ${refusal}`;
    else {
      const type: OperationType = view?.kind === 'ssh_key' ? 'ssh_key_rotation' : 'change_password';
      const op = await createOperation(trx, { type, credentialId: task.credential_id, requester: context.requestedBy, trigger: 'bulk_expire', maxAttempts: context.maxAttempts }, context.now);
      codes.push(op.code);
      // A highly critical credential's change waits for its own approval (createOperation decides).
      message = op.state === 'AwaitingApproval' ? `Expired; change ${op.code} is Awaiting approval: an approver must accept it in Approvals.` : `Expired; change ${op.code} scheduled.`;
    }
    await trx.updateTable('bulk_tasks').set({ message }).where('id', '=', task.id).execute();
  }
  return codes;
}

async function markTasks(trx: Kysely<VaultDatabase>, context: ApplyContext): Promise<void> {
  const where = trx.updateTable('bulk_tasks').where('request_id', '=', context.requestId);
  // One pass over the request's tasks: what had nothing to change is skipped, the rest succeeded.
  await where
    .set({
      status: sql<BulkTaskStatus>`case when to_values = '{}' then 'skipped' else 'success' end`,
      message: sql<string | null>`case when to_values = '{}' then coalesce(message, 'Nothing to change: the credential already had these values.') else message end`,
    })
    .where('status', '=', 'pending')
    .execute();
  if (context.action === 'expire') {
    // The report shows the expiration written, never a placeholder.
    await where.set({ to_values: sql<string>`json_set(to_values, '$.expires_at', ${context.requestedAt})` }).where('to_values', 'like', '%"expires_at"%').execute();
  }
}
