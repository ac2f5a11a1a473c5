import type { Kysely } from 'kysely';
import type { VaultDatabase } from '../vault/database/vault-schema';
import type { AuditRecord, AuditShell, NewAuditEntry } from './audit-entry';
import { readAuditHead, writeAuditHead } from './audit-head';
import { auditListenerOf } from './audit-listeners';
import { auditSignersOf } from './audit-signers';
import { GENESIS_HASH, hashAuditEntry } from './audit-hash';
import type { HashedAuditFields } from './audit-hash';
import { canonicalJson } from './canonical-json';
import { redactSecrets } from './redact-secrets';

const SHELLS: readonly AuditShell[] = ['desktop', 'host', 'cli', 'system'];
// 12 columns a row: 400 rows stay well under SQLite's limit on bound parameters per statement.
const ROWS_PER_INSERT = 400;

export interface AppendAuditOptions {
  /** Injected for tests and for replaying a batch; asked once per entry; defaults to now. */
  readonly now?: () => Date;
}

/**
 * Appends one entry to the hash-chained trail. Given a transaction it writes inside it (so the
 * entry commits or rolls back with the change it records); otherwise it opens its own.
 */
export async function appendAudit(db: Kysely<VaultDatabase>, entry: NewAuditEntry, options: AppendAuditOptions = {}): Promise<AuditRecord> {
  const [record] = await appendAuditBatch(db, [entry], options);
  if (record === undefined) throw new Error('The audit append wrote nothing; this is a bug in appendAuditBatch.');
  return record;
}

/**
 * Appends entries in order, exactly as that many appendAudit calls would (same ids, links, hashes
 * and signatures), but reading and writing the head once and inserting rows many to a statement.
 * All or nothing: inside the caller's transaction, or its own.
 */
export async function appendAuditBatch(db: Kysely<VaultDatabase>, entries: readonly NewAuditEntry[], options: AppendAuditOptions = {}): Promise<AuditRecord[]> {
  for (const entry of entries) assertEntry(entry);
  if (entries.length === 0) return [];
  if (db.isTransaction) return appendWithin(db, entries, options);
  return db.transaction().execute((trx) => appendWithin(trx, entries, options));
}

async function appendWithin(db: Kysely<VaultDatabase>, entries: readonly NewAuditEntry[], options: AppendAuditOptions): Promise<AuditRecord[]> {
  // Continue from the head anchor rather than the last row: if the tail was cut off, the next
  // entry then leaves a visible gap instead of quietly papering over it.
  const head = (await readAuditHead(db)) ?? (await lastRow(db));
  const signers = auditSignersOf(db);
  const listener = auditListenerOf(db);
  let id = head?.id ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const records: AuditRecord[] = [];
  const rows: (HashedAuditFields & { hash: string; signer?: string; signature?: string })[] = [];
  for (const entry of entries) {
    const details = redactSecrets(entry.details ?? null);
    id += 1;
    const fields: HashedAuditFields = {
      id,
      at: (options.now?.() ?? new Date()).toISOString(),
      actor: entry.actor,
      shell: entry.shell,
      action: entry.action,
      object_type: entry.objectType ?? null,
      object_id: entry.objectId ?? null,
      details: canonicalJson(details),
      prev_hash: prevHash,
    };
    const hash = hashAuditEntry(fields);
    // Signed by the actor's own key (or, for 'system', the key of the user running the core): with
    // only the database key one can recompute hashes, not other users' signatures.
    const signed = signers?.sign(entry.actor, hash);
    // Without signers (a bare database) every row of the batch leaves the signature columns out,
    // so the rows of one INSERT always name the same columns.
    rows.push(signed === undefined ? { ...fields, hash } : { ...fields, hash, signer: signed.signer, signature: signed.signature });
    records.push({ id, at: fields.at, actor: fields.actor, shell: entry.shell, action: fields.action, objectType: fields.object_type, objectId: fields.object_id, details, prevHash, hash, signer: signed?.signer ?? null });
    prevHash = hash;
  }
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await db
      .insertInto('audit_log')
      .values(rows.slice(i, i + ROWS_PER_INSERT).map((row) => ({ ...row, shell: row.shell as AuditShell })))
      .execute();
  }
  await writeAuditHead(db, { id, hash: prevHash });
  // Told before the commit: a refetch it causes in this process waits for the connection, which the
  // transaction holds until it ends; after a rollback the refetch shows what is still there.
  if (listener !== undefined) for (const record of records) listener({ action: record.action, objectType: record.objectType });
  return records;
}

async function lastRow(db: Kysely<VaultDatabase>): Promise<{ readonly id: number; readonly hash: string } | null> {
  const row = await db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ?? null;
}

function assertEntry(entry: NewAuditEntry): void {
  if (entry.actor.trim() === '') throw new Error('An audit entry needs an actor: pass the username, or "system".');
  if (entry.action.trim() === '') throw new Error('An audit entry needs an action such as "credential.reveal".');
  if (!SHELLS.includes(entry.shell)) {
    throw new Error(`Unknown audit shell "${String(entry.shell)}": use one of ${SHELLS.join(', ')}.`);
  }
}
