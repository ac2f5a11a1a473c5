import type { Kysely } from 'kysely';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { attemptSyslog, auditSyslog, type SiemOrigin } from './siem-messages';
import type { SiemSource } from './siem-tables';

const BATCH = 500;
const CURSOR_KEY: Readonly<Record<SiemSource, string>> = { audit: 'siem.cursor.audit', attempt: 'siem.cursor.attempt' };

async function readCursor(db: Kysely<VaultDatabase>, source: SiemSource): Promise<number> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', CURSOR_KEY[source]).executeTakeFirst();
  return row === undefined ? 0 : Number(row.value);
}

async function writeCursor(db: Kysely<VaultDatabase>, source: SiemSource, value: number): Promise<void> {
  const text = String(value);
  await db
    .insertInto('meta')
    .values({ key: CURSOR_KEY[source], value: text })
    .onConflict((c) => c.column('key').doUpdateSet({ value: text }))
    .execute();
}

/**
 * The newest attempt id whose result is final for sure: attempts are numbered when they start but
 * end in any order, so the cursor never passes one still running (it would skip it forever).
 */
async function settledAttemptBound(db: Kysely<VaultDatabase>): Promise<number> {
  const open = await db.selectFrom('attempts').select((eb) => eb.fn.min<number>('id').as('id')).where('ended_at', 'is', null).executeTakeFirst();
  if (open?.id !== null && open?.id !== undefined) return Number(open.id) - 1;
  const last = await db.selectFrom('attempts').select((eb) => eb.fn.max<number>('id').as('id')).executeTakeFirst();
  return Number(last?.id ?? 0);
}

async function auditHead(db: Kysely<VaultDatabase>): Promise<number> {
  const last = await db.selectFrom('audit_log').select((eb) => eb.fn.max<number>('id').as('id')).executeTakeFirst();
  return Number(last?.id ?? 0);
}

async function enqueue(db: Kysely<VaultDatabase>, source: SiemSource, sourceId: number, message: string, now: Date): Promise<void> {
  const stamp = now.toISOString();
  await db
    .insertInto('siem_queue')
    .values({ source, source_id: sourceId, message, next_attempt_at: stamp, created_at: stamp })
    .onConflict((c) => c.columns(['source', 'source_id']).doNothing())
    .execute();
}

async function collectAudit(db: Kysely<VaultDatabase>, origin: SiemOrigin, now: Date): Promise<number> {
  const cursor = await readCursor(db, 'audit');
  const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', cursor).orderBy('id').limit(BATCH).execute();
  for (const row of rows) await enqueue(db, 'audit', row.id, auditSyslog(row, origin), now);
  const last = rows.at(-1);
  if (last) await writeCursor(db, 'audit', last.id);
  return rows.length;
}

async function collectAttempts(db: Kysely<VaultDatabase>, origin: SiemOrigin, now: Date): Promise<number> {
  const cursor = await readCursor(db, 'attempt');
  const bound = await settledAttemptBound(db);
  if (bound <= cursor) return 0;
  const rows = await db
    .selectFrom('attempts as a')
    .innerJoin('operations as o', 'o.id', 'a.operation_id')
    .innerJoin('credentials as c', 'c.id', 'o.credential_id')
    .innerJoin('devices as d', 'd.id', 'o.device_id')
    .select(['a.id', 'a.number', 'a.ended_at', 'a.outcome', 'a.error', 'o.code', 'o.type', 'c.identifier', 'c.username', 'd.hostname'])
    .where('a.id', '>', cursor)
    .where('a.id', '<=', bound)
    .orderBy('a.id')
    .limit(BATCH)
    .execute();
  for (const row of rows) {
    if (row.outcome === null || row.ended_at === null) continue;
    await enqueue(db, 'attempt', row.id, attemptSyslog({ ...row, outcome: row.outcome, ended_at: row.ended_at }, origin), now);
  }
  // Fewer rows than a batch means everything up to the bound was seen (attempts of deleted
  // credentials are gone with them).
  await writeCursor(db, 'attempt', rows.length < BATCH ? bound : (rows.at(-1)?.id ?? cursor));
  return rows.length;
}

/**
 * Copies new audit entries and settled attempt results into the queue, with the cursors, in one
 * transaction: a crash leaves either both or neither, so nothing is skipped or queued twice.
 * With forwarding off (origin null) the cursors follow the heads and nothing is queued: switching
 * forwarding on sends what happens from then on, not the whole history.
 */
export async function collectSiemMessages(db: Kysely<VaultDatabase>, origin: SiemOrigin | null, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (origin === null) {
      await writeCursor(trx, 'audit', await auditHead(trx));
      await writeCursor(trx, 'attempt', await settledAttemptBound(trx));
      return 0;
    }
    return (await collectAudit(trx, origin, now)) + (await collectAttempts(trx, origin, now));
  });
}

export interface QueuedMessage {
  readonly id: number;
  readonly message: string;
  readonly attempts: number;
}

export async function dueMessages(db: Kysely<VaultDatabase>, now: Date, limit: number): Promise<QueuedMessage[]> {
  return db.selectFrom('siem_queue').select(['id', 'message', 'attempts']).where('next_attempt_at', '<=', now.toISOString()).orderBy('id').limit(limit).execute();
}

export async function queueLength(db: Kysely<VaultDatabase>): Promise<number> {
  const row = await db.selectFrom('siem_queue').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function markDelivered(db: Kysely<VaultDatabase>, ids: readonly number[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('siem_queue').where('id', 'in', ids).execute();
}

/** 5 s, 10 s, 20 s ... at most 5 minutes between tries. */
export function siemBackoffMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 300_000);
}

/**
 * A failed batch: its messages count one more attempt, and everything queued from the first of them
 * on waits for the backoff, so messages keep their order at the collector.
 */
export async function markFailed(db: Kysely<VaultDatabase>, batch: readonly QueuedMessage[], error: string, now: Date): Promise<void> {
  const first = batch[0];
  if (!first) return;
  const attempts = Math.max(...batch.map((m) => m.attempts)) + 1;
  const retryAt = new Date(now.getTime() + siemBackoffMs(attempts)).toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('siem_queue')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error }))
      .where('id', 'in', batch.map((m) => m.id))
      .execute();
    await trx.updateTable('siem_queue').set({ next_attempt_at: retryAt }).where('id', '>=', first.id).execute();
  });
}
