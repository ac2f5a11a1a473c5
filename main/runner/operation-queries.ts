import { sql, type Kysely } from 'kysely';
import type { AttemptView, OperationFilter, OperationView } from '../../shared/contract/operation-channels';
import { parseTagList } from '../../shared/domain/tag-list';
import { websiteMatches } from '../devices/device-website';
import type { VaultDatabase } from '../vault/database/vault-schema';

function operationRows(db: Kysely<VaultDatabase>) {
  return db
    .selectFrom('operations as o')
    .innerJoin('credentials as c', 'c.id', 'o.credential_id')
    .innerJoin('devices as d', 'd.id', 'o.device_id')
    .leftJoin('device_vendors as v', 'v.id', 'd.vendor_id')
    .leftJoin('device_models as m', 'm.id', 'd.model_id')
    .leftJoin('templates as t', 't.id', 'o.template_id')
    .leftJoin('operations as p', 'p.id', 'o.parent_operation_id');
}

const COLUMNS = [
  'o.id',
  'o.code',
  'o.type',
  'o.state',
  'o.credential_id',
  'c.identifier',
  'c.username',
  'o.device_id',
  'd.hostname',
  'd.ip',
  'd.tags as device_tags',
  'v.name as vendor',
  'm.name as model',
  't.name as template_name',
  'o.template_version',
  'o.requester',
  'o.trigger',
  'o.priority',
  'o.scheduled_at',
  'o.started_at',
  'o.finished_at',
  'o.attempts_made',
  'o.max_attempts',
  'o.message',
  'p.code as parent_code',
] as const;

/** Seed 000's "List operations", with its filters; newest first. */
export async function listOperations(db: Kysely<VaultDatabase>, filter: OperationFilter): Promise<{ total: number; rows: OperationView[] }> {
  let query = operationRows(db);
  if (filter.code) query = query.where('o.code', 'like', `%${filter.code}%`);
  if (filter.username) query = query.where('c.username', 'like', `%${filter.username}%`);
  if (filter.device) query = query.where((eb) => eb.or([eb('d.hostname', 'like', `%${filter.device}%`), eb('d.ip', 'like', `%${filter.device}%`)]));
  if (filter.vendor) query = query.where('v.name', 'like', `%${filter.vendor}%`);
  if (filter.model) query = query.where('m.name', 'like', `%${filter.model}%`);
  if (filter.website && filter.website.trim() !== '') query = query.where(websiteMatches('d', filter.website));
  const tags = parseTagList((filter.tags ?? []).join(','));
  if (tags.length > 0) {
    // Whole tags: the device's tags are a normalised comma list, so ",prod," is found in
    // ",prod,eu," but not in ",production,". instr() is exact (no LIKE wildcards), like parseTagList.
    query = query.where((eb) => eb.or(tags.map((tag) => sql<boolean>`instr(',' || coalesce(d.tags, '') || ',', ${`,${tag},`}) > 0`)));
  }
  if (filter.states && filter.states.length > 0) query = query.where('o.state', 'in', filter.states);
  if (filter.types && filter.types.length > 0) query = query.where('o.type', 'in', filter.types);
  if (filter.requester) query = query.where('o.requester', '=', filter.requester);
  if (filter.credentialId) query = query.where('o.credential_id', '=', filter.credentialId);
  if (filter.scheduledFrom) query = query.where('o.scheduled_at', '>=', filter.scheduledFrom);
  if (filter.scheduledTo) query = query.where('o.scheduled_at', '<=', filter.scheduledTo);
  if (filter.executedFrom) query = query.where('o.started_at', '>=', filter.executedFrom);
  if (filter.executedTo) query = query.where('o.started_at', '<=', filter.executedTo);
  const total = await query.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .select(COLUMNS)
    .orderBy('o.id', 'desc')
    .limit(filter.limit ?? 100)
    .offset(filter.offset ?? 0)
    .execute();
  return { total: Number(total.n), rows: rows.map(toView) };
}

export async function getOperation(db: Kysely<VaultDatabase>, code: string): Promise<OperationView | undefined> {
  const row = await operationRows(db).select(COLUMNS).where('o.code', '=', code).executeTakeFirst();
  return row ? toView(row) : undefined;
}

type Row = Awaited<ReturnType<ReturnType<ReturnType<typeof operationRows>['select']>['executeTakeFirstOrThrow']>>;

function toView(row: Row): OperationView {
  // Kysely's inferred row type for this many joined, aliased columns is unwieldy; the column list
  // above is the contract, read here by name.
  const r = row as unknown as Record<string, unknown>;
  return {
    id: r['id'] as number,
    code: r['code'] as string,
    type: r['type'] as OperationView['type'],
    state: r['state'] as OperationView['state'],
    credentialId: r['credential_id'] as number,
    identifier: r['identifier'] as string,
    username: r['username'] as string,
    deviceId: r['device_id'] as number,
    hostname: r['hostname'] as string,
    ip: r['ip'] as string,
    vendor: (r['vendor'] as string | null) ?? null,
    model: (r['model'] as string | null) ?? null,
    tags: parseTagList(r['device_tags'] as string | null),
    templateName: (r['template_name'] as string | null) ?? null,
    templateVersion: (r['template_version'] as number | null) ?? null,
    requester: r['requester'] as string,
    trigger: r['trigger'] as string,
    priority: r['priority'] as number,
    scheduledAt: r['scheduled_at'] as string,
    startedAt: (r['started_at'] as string | null) ?? null,
    finishedAt: (r['finished_at'] as string | null) ?? null,
    attemptsMade: r['attempts_made'] as number,
    maxAttempts: r['max_attempts'] as number,
    message: (r['message'] as string | null) ?? null,
    parentCode: (r['parent_code'] as string | null) ?? null,
  };
}

function attemptRows(db: Kysely<VaultDatabase>) {
  return db
    .selectFrom('attempts as a')
    .innerJoin('operations as o', 'o.id', 'a.operation_id')
    .innerJoin('credentials as c', 'c.id', 'o.credential_id')
    .innerJoin('devices as d', 'd.id', 'o.device_id')
    .select(['a.id', 'o.code', 'o.type', 'c.identifier', 'd.hostname', 'a.number', 'a.started_at', 'a.ended_at', 'a.outcome', 'a.transcript', 'a.error', 'a.runner']);
}

type AttemptRow = Awaited<ReturnType<ReturnType<typeof attemptRows>['executeTakeFirstOrThrow']>>;

function toAttemptView(row: AttemptRow): AttemptView {
  return {
    id: row.id,
    operationCode: row.code,
    operationType: row.type,
    identifier: row.identifier,
    hostname: row.hostname,
    number: row.number,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    outcome: row.outcome,
    transcript: row.transcript,
    error: row.error,
    runner: row.runner,
  };
}

/** One operation's attempts, in order. */
export async function operationAttempts(db: Kysely<VaultDatabase>, code: string): Promise<AttemptView[]> {
  const rows = await attemptRows(db).where('o.code', '=', code).orderBy('a.number').execute();
  return rows.map(toAttemptView);
}

/** Seed 000's "List attempted operations": every attempt, newest first. */
export async function listAttempts(db: Kysely<VaultDatabase>, options: { offset: number; limit: number; outcome?: AttemptView['outcome'] }): Promise<{ total: number; rows: AttemptView[] }> {
  let count = db.selectFrom('attempts').select(sql<number>`count(*)`.as('n'));
  let query = attemptRows(db);
  if (options.outcome) {
    count = count.where('outcome', '=', options.outcome);
    query = query.where('a.outcome', '=', options.outcome);
  }
  const total = await count.executeTakeFirstOrThrow();
  const rows = await query.orderBy('a.id', 'desc').limit(options.limit).offset(options.offset).execute();
  return { total: Number(total.n), rows: rows.map(toAttemptView) };
}
