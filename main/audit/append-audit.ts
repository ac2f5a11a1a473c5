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

export interface AppendAuditOptions {
  /** Injected for tests; defaults to now. */
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
  if (db.isTransaction) return appendWithin(db, entry, options);
  return db.transaction().execute((trx) => appendWithin(trx, entry, options));
}

async function appendWithin(
  db: Kysely<VaultDatabase>,
  entry: NewAuditEntry,
  options: AppendAuditOptions,
): Promise<AuditRecord> {
  // Continue from the head anchor rather than the last row: if the tail was cut off, the next
  // entry then leaves a visible gap instead of quietly papering over it.
  const head = (await readAuditHead(db)) ?? (await lastRow(db));
  const details = redactSecrets(entry.details ?? null);
  const fields: HashedAuditFields = {
    id: (head?.id ?? 0) + 1,
    at: (options.now?.() ?? new Date()).toISOString(),
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
  const signed = auditSignersOf(db)?.sign(entry.actor, hash);
  await db
    .insertInto('audit_log')
    .values({ ...fields, shell: entry.shell, hash, ...(signed ? { signer: signed.signer, signature: signed.signature } : {}) })
    .execute();
  await writeAuditHead(db, { id: fields.id, hash });
  // Told before the commit: a refetch it causes in this process waits for the connection, which the
  // transaction holds until it ends; after a rollback the refetch shows what is still there.
  auditListenerOf(db)?.({ action: fields.action, objectType: fields.object_type });
  return {
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
  };
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
