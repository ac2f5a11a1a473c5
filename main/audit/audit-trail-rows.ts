import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { AUDIT_ENCODING_SQL, encodeAuditTuple } from './audit-hash';

/**
 * One stored entry as the verifier reads it: its id, the encoding its hash is over (see
 * audit-hash.ts), the stored links and signer. `signature` is null for an unsigned entry; when
 * the rows are read for the newest signatures only, a signed entry's is '' (not read: those few
 * are read by id, see signatureOf).
 */
export type AuditTrailRow = readonly [id: number, encoded: string, prevHash: string, hash: string, actor: string, signer: string | null, signature: string | null];

/**
 * The better-sqlite3 connection under a Kysely handle, as much of it as reading raw rows needs.
 * It must be the same connection as the handle (the vault's database.driver): its reads then run
 * inside the handle's transaction and see the same snapshot.
 */
export interface RawRowSource {
  prepare(sql: string): { raw(toggle?: boolean): { all(...params: unknown[]): unknown[] } };
}

/**
 * 'sqlite': the encoding from SQLite, signatures not read (fast); 'sqlite-signed': with them.
 * 'javascript': the columns, encoded here exactly as at append, and every signature.
 */
export type TrailReading = 'sqlite' | 'sqlite-signed' | 'javascript';

const CHUNK = 5_000;
const SQLITE_COLUMNS = `id, ${AUDIT_ENCODING_SQL}, prev_hash, hash, actor, signer`;
const ALL_COLUMNS = 'id, at, actor, shell, action, object_type, object_id, details, prev_hash, hash, signer, signature';

type StoredRow = readonly [id: number, at: string, actor: string, shell: string, action: string, objectType: string | null, objectId: string | null, details: string, prevHash: string, hash: string, signer: string | null, signature: string | null];

/**
 * The whole trail in id order, in chunks found by primary key (id > the last one read). Through
 * the raw driver when given: rows as arrays cost half of rows as objects, which at a million
 * entries is seconds. Between chunks the event loop gets a turn, so a long verify in the desktop
 * app does not freeze it (other queries on the connection still wait for the caller's snapshot).
 */
export async function* auditTrailChunks(db: Kysely<VaultDatabase>, driver: RawRowSource | undefined, reading: TrailReading): AsyncGenerator<readonly AuditTrailRow[]> {
  const columns = reading === 'javascript' ? ALL_COLUMNS : `${SQLITE_COLUMNS}, ${reading === 'sqlite' ? "CASE WHEN signature IS NULL THEN NULL ELSE '' END" : 'signature'}`;
  const statement = driver?.prepare(`SELECT ${columns} FROM audit_log WHERE id > ? ORDER BY id LIMIT ${CHUNK}`).raw(true);
  let after = 0;
  for (;;) {
    const rows = statement ? (statement.all(after) as unknown[][]) : await chunkThroughKysely(db, columns, after);
    if (rows.length === 0) return;
    yield reading === 'javascript' ? (rows as unknown as StoredRow[]).map(fromStored) : (rows as unknown as AuditTrailRow[]);
    after = (rows[rows.length - 1] as unknown[])[0] as number;
    await nextTurn();
  }
}

function fromStored(row: StoredRow): AuditTrailRow {
  return [row[0], encodeAuditTuple(row), row[8], row[9], row[2], row[10], row[11]];
}

async function chunkThroughKysely(db: Kysely<VaultDatabase>, columns: string, after: number): Promise<unknown[][]> {
  const { rows } = await sql<Record<string, unknown>>`SELECT ${sql.raw(columns)} FROM audit_log WHERE id > ${after} ORDER BY id LIMIT ${CHUNK}`.execute(db);
  // Column order is the SELECT's: object keys keep insertion order (no column name is an integer).
  return rows.map((row) => Object.values(row));
}

/** One entry's stored signature, read within the walk's snapshot. */
export async function signatureOf(db: Kysely<VaultDatabase>, id: number): Promise<string | null> {
  const row = await db.selectFrom('audit_log').select('signature').where('id', '=', id).executeTakeFirst();
  return row?.signature ?? null;
}
