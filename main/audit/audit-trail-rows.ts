import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { VaultDatabase } from '../vault/database/vault-schema';
import type { HashedAuditTuple } from './audit-hash';

/** One stored entry as the verifier reads it: the hashed fields in hash order, then hash, signer, signature. */
export type AuditTrailRow = readonly [...HashedAuditTuple, hash: string, signer: string | null, signature: string | null];

export const ROW_HASH = 9;
export const ROW_SIGNER = 10;
export const ROW_SIGNATURE = 11;

/**
 * The better-sqlite3 connection under a Kysely handle, as much of it as reading raw rows needs.
 * It must be the same connection as the handle (the vault's database.driver): its reads then run
 * inside the handle's transaction and see the same snapshot.
 */
export interface RawRowSource {
  prepare(sql: string): { raw(toggle?: boolean): { all(...params: unknown[]): unknown[] } };
}

const CHUNK = 5_000;
const COLUMNS = 'id, at, actor, shell, action, object_type, object_id, details, prev_hash, hash, signer, signature';
const NEXT_CHUNK = `SELECT ${COLUMNS} FROM audit_log WHERE id > ? ORDER BY id LIMIT ${CHUNK}`;

interface ObjectRow {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly shell: string;
  readonly action: string;
  readonly object_type: string | null;
  readonly object_id: string | null;
  readonly details: string;
  readonly prev_hash: string;
  readonly hash: string;
  readonly signer: string | null;
  readonly signature: string | null;
}

/**
 * The whole trail in id order, in chunks found by primary key (id > the last one read). Through
 * the raw driver when given: rows as arrays cost half of rows as objects, which at a million
 * entries is seconds. Between chunks the event loop gets a turn, so a long verify in the desktop
 * app does not freeze it (other queries on the connection still wait for the caller's snapshot).
 */
export async function* auditTrailChunks(db: Kysely<VaultDatabase>, driver: RawRowSource | undefined): AsyncGenerator<readonly AuditTrailRow[]> {
  const statement = driver?.prepare(NEXT_CHUNK).raw(true);
  let after = 0;
  for (;;) {
    const rows = statement ? (statement.all(after) as AuditTrailRow[]) : await chunkThroughKysely(db, after);
    if (rows.length === 0) return;
    yield rows;
    after = (rows[rows.length - 1] as AuditTrailRow)[0];
    await nextTurn();
  }
}

async function chunkThroughKysely(db: Kysely<VaultDatabase>, after: number): Promise<AuditTrailRow[]> {
  const { rows } = await sql<ObjectRow>`SELECT ${sql.raw(COLUMNS)} FROM audit_log WHERE id > ${after} ORDER BY id LIMIT ${CHUNK}`.execute(db);
  return rows.map((r) => [r.id, r.at, r.actor, r.shell, r.action, r.object_type, r.object_id, r.details, r.prev_hash, r.hash, r.signer, r.signature]);
}
