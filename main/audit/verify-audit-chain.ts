import type { Kysely } from 'kysely';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { readAuditHead } from './audit-head';
import { GENESIS_HASH, hashAuditEntry } from './audit-hash';

export type AuditChainVerdict =
  | { readonly ok: true; readonly count: number }
  | { readonly ok: false; readonly firstBrokenId: number; readonly reason: string };

/**
 * Walks the whole trail in id order and checks, for each entry: no id is missing, it links to the
 * previous entry's hash, and its own hash matches its contents; then that the chain ends where
 * the head anchor says. Streams rows, so memory stays flat for long trails.
 */
export async function verifyAuditChain(db: Kysely<VaultDatabase>): Promise<AuditChainVerdict> {
  // One read transaction: the rows and the head come from the same snapshot, so an append that
  // lands mid-walk cannot look like a cut-off trail.
  if (db.isTransaction) return verifyWithin(db);
  return db.transaction().execute((trx) => verifyWithin(trx));
}

async function verifyWithin(db: Kysely<VaultDatabase>): Promise<AuditChainVerdict> {
  let expectedId = 1;
  let prevHash = GENESIS_HASH;
  const rows = db.selectFrom('audit_log').selectAll().orderBy('id', 'asc').stream(500);
  for await (const row of rows) {
    if (row.id !== expectedId) {
      return broken(expectedId, `entry ${expectedId} is missing (the next entry present is ${row.id}): entries were deleted.`);
    }
    if (row.prev_hash !== prevHash) {
      return broken(row.id, `entry ${row.id} does not link to entry ${row.id - 1}: an earlier entry was replaced or removed.`);
    }
    if (hashAuditEntry(row) !== row.hash) {
      return broken(row.id, `entry ${row.id} was changed after it was written (its hash does not match its contents).`);
    }
    prevHash = row.hash;
    expectedId += 1;
  }
  const count = expectedId - 1;
  const head = await readAuditHead(db);
  if (head === null) {
    return count === 0 ? { ok: true, count } : broken(count, 'the audit head record is missing: the end of the trail cannot be confirmed.');
  }
  if (head.id > count) {
    return broken(count + 1, `entries ${count + 1}..${head.id} are missing: the end of the trail was cut off.`);
  }
  if (head.id !== count || head.hash !== prevHash) {
    return broken(head.id, `the trail does not end at the recorded head (entry ${head.id}): entries were replaced.`);
  }
  return { ok: true, count };
}

function broken(firstBrokenId: number, reason: string): AuditChainVerdict {
  return { ok: false, firstBrokenId, reason: `The audit trail is broken: ${reason}` };
}
