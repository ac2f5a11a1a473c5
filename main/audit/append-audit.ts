import type { Kysely } from 'kysely';
import { insertMany } from '../vault/database/insert-many';
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

export interface AppendAuditOptions {
  /** Injected for tests and for replaying a batch; asked once per entry; defaults to now. */
  readonly now?: () => Date;
}

/**
 * Appends one entry to the hash-chained trail. Given a transaction it writes inside it (so the
 * entry commits or rolls back with the change it records); otherwise it opens its own.
 */
export async function appendAudit(
  db: Kysely<VaultDatabase>,
  entry: NewAuditEntry,
  options: AppendAuditOptions = {},
): Promise<AuditRecord> {
  assertEntry(entry);
  const one = async (trx: Kysely<VaultDatabase>): Promise<AuditRecord> => {
    const [record] = await appendWithin(trx, [entry], options);
    if (record === undefined) throw new Error('The audit entry was not appended.');
    return record;
  };
  return db.isTransaction ? one(db) : db.transaction().execute(one);
}

/**
 * Appends many entries in order, exactly as that many appendAudit calls would (same ids, links,
 * hashes and signatures): each entry is hashed onto the one before and signed; the head is read
 * once and written once, and rows go in multi-row inserts, so 100,000 entries cost seconds rather
 * than minutes. All or nothing: inside the caller's transaction (an import: each device and
 * credential it wrote, in the transaction that wrote them), or in its own.
 */
export async function appendAuditEntries(
  db: Kysely<VaultDatabase>,
  entries: readonly NewAuditEntry[],
  options: AppendAuditOptions = {},
): Promise<readonly AuditRecord[]> {
  for (const entry of entries) assertEntry(entry);
  return db.isTransaction ? appendWithin(db, entries, options) : db.transaction().execute((trx) => appendWithin(trx, entries, options));
}

async function appendWithin(
  db: Kysely<VaultDatabase>,
  entries: readonly NewAuditEntry[],
  options: AppendAuditOptions,
): Promise<AuditRecord[]> {
  if (entries.length === 0) return [];
  // Continue from the head anchor rather than the last row: if the tail was cut off, the next
  // entry then leaves a visible gap instead of quietly papering over it.
  let head = (await readAuditHead(db)) ?? (await lastRow(db));
  // One clock reading for the batch unless the caller's clock is asked per entry.
  const batchAt = new Date().toISOString();
  const signers = auditSignersOf(db);
  const records: AuditRecord[] = [];
  const rows = [];
  for (const entry of entries) {
    const details = redactSecrets(entry.details ?? null);
    const fields: HashedAuditFields = {
      id: (head?.id ?? 0) + 1,
      at: options.now ? options.now().toISOString() : batchAt,
      actor: entry.actor,
      shell: entry.shell,
      action: entry.action,
      object_type: entry.objectType ?? null,
      object_id: entry.objectId ?? null,
      details: canonicalJson(details),
      prev_hash: head?.hash ?? GENESIS_HASH,
    };
    const hash = hashAuditEntry(fields);
    // Signed by the actor's own key (or, for 'system', the key of the user running the core): with
    // only the database key one can recompute hashes, not other users' signatures.
    const signed = signers?.sign(entry.actor, hash);
    // Unsigned (no signer bound, or a vault from before migration 0011): the columns are left out.
    rows.push({ ...fields, shell: entry.shell, hash, ...(signed ? { signer: signed.signer, signature: signed.signature } : {}) });
    records.push({
      id: fields.id,
      at: fields.at,
      actor: fields.actor,
      shell: entry.shell,
      action: fields.action,
      objectType: fields.object_type,
      objectId: fields.object_id,
      details,
      prevHash: fields.prev_hash,
      hash,
      signer: signed?.signer ?? null,
    });
    head = { id: fields.id, hash };
  }
  await insertMany(db, 'audit_log', rows);
  if (head !== null) await writeAuditHead(db, head);
  // Told before the commit: a refetch it causes in this process waits for the connection, which the
  // transaction holds until it ends; after a rollback the refetch shows what is still there.
  const listener = auditListenerOf(db);
  if (listener) {
    const told = new Set<string>();
    for (const record of records) {
      const kind = `${record.action}\0${record.objectType ?? ''}`;
      if (told.has(kind)) continue;
      told.add(kind);
      listener({ action: record.action, objectType: record.objectType });
    }
  }
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
