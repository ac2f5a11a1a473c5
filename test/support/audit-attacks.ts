import type Database from 'better-sqlite3-multiple-ciphers';
import { hashAuditEntry } from '../../main/audit/audit-hash';
import { openVaultDatabase } from '../../main/vault/database/open-vault-database';
import { unlockVaultKeys } from '../../main/vault/keys/vault-keys';
import type { AuditLogTable } from '../../main/vault/database/vault-schema';

/**
 * The attacks the signed trail must expose, done as an insider would: with the database key that
 * any one user's slot yields, straight on SQLite, below pamdesk (no signer is bound to this handle).
 */
export async function withSlotDatabase(dataDir: string, username: string, passphrase: string, work: (driver: Database.Database) => void): Promise<void> {
  const keys = await unlockVaultKeys(dataDir, username, passphrase);
  try {
    const handle = await openVaultDatabase(dataDir, keys.databaseKey(), { mode: 'open' });
    try {
      work(handle.driver);
    } finally {
      await handle.close();
    }
  } finally {
    keys.lock();
  }
}

/** Drops the append-only triggers around `edit`, then restores them exactly as they were. */
function withoutTriggers(driver: Database.Database, edit: () => void): void {
  const triggers = driver.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as { name: string; sql: string }[];
  if (triggers.length === 0) throw new Error('expected the append-only triggers on audit_log');
  for (const trigger of triggers) driver.exec(`DROP TRIGGER ${trigger.name}`);
  driver.transaction(edit)();
  for (const trigger of triggers) driver.exec(trigger.sql);
}

function setHead(driver: Database.Database, head: { id: number; hash: string }): void {
  driver.prepare("UPDATE meta SET value = ? WHERE key = 'audit.head'").run(JSON.stringify(head));
}

/**
 * Deletes entry `id`, renumbers the entries after it, recomputes every SHA-256 link and hash from
 * there and the head: the plain hash chain then verifies again. The rows keep the signer and
 * signature columns they had (the attacker cannot make other users' signatures).
 */
export function deleteEntryAndRechain(driver: Database.Database, id: number): void {
  withoutTriggers(driver, () => {
    const later = driver.prepare('SELECT * FROM audit_log WHERE id > ? ORDER BY id').all(id) as AuditLogTable[];
    const before = driver.prepare('SELECT hash FROM audit_log WHERE id = ?').get(id - 1) as { hash: string } | undefined;
    driver.prepare('DELETE FROM audit_log WHERE id >= ?').run(id);
    let prevHash = before?.hash ?? '0'.repeat(64);
    let head = { id: id - 1, hash: prevHash };
    const insert = driver.prepare('INSERT INTO audit_log (id, at, actor, shell, action, object_type, object_id, details, prev_hash, hash, signer, signature) VALUES (@id, @at, @actor, @shell, @action, @object_type, @object_id, @details, @prev_hash, @hash, @signer, @signature)');
    for (const row of later) {
      const moved = { ...row, id: row.id - 1, prev_hash: prevHash };
      const hash = hashAuditEntry(moved);
      insert.run({ ...moved, hash });
      prevHash = hash;
      head = { id: moved.id, hash };
    }
    setHead(driver, head);
  });
}

/** Deletes the last `count` entries and points the head at the new last one, so the chain and head agree. */
export function cutTailAndFixHead(driver: Database.Database, count: number): { readonly newLastId: number } {
  let newLastId = 0;
  withoutTriggers(driver, () => {
    const { last } = driver.prepare('SELECT max(id) AS last FROM audit_log').get() as { last: number };
    newLastId = last - count;
    driver.prepare('DELETE FROM audit_log WHERE id > ?').run(newLastId);
    const row = driver.prepare('SELECT id, hash FROM audit_log WHERE id = ?').get(newLastId) as { id: number; hash: string };
    setHead(driver, row);
  });
  return { newLastId };
}

/** The id of the first entry with this action. */
export function entryIdOf(driver: Database.Database, action: string): number {
  const row = driver.prepare('SELECT id FROM audit_log WHERE action = ? ORDER BY id LIMIT 1').get(action) as { id: number } | undefined;
  if (!row) throw new Error(`no audit entry ${action}`);
  return row.id;
}
