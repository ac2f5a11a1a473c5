import type { Kysely } from 'kysely';
import type { CredentialKind } from '../../shared/domain/credential-kind';
import { AppFailure } from '../../shared/errors';
import { DEFAULT_HISTORY_LENGTH, type SecretHistoryEntryView, type SecretReplacementReason } from '../../shared/domain/secret-history';
import { parseTagList } from '../../shared/domain/tag-list';
import { policyFor, type PolicyMatch } from '../policies/policy-for';
import { listPolicies, policyForCredential } from '../policies/policy-service';
import type { VaultDatabase } from '../vault/database/vault-schema';
import type { FieldCipher, FieldLocation } from '../vault/field-cipher';
import { openCredentialField } from './credential-secrets';
import type { CredentialsTables } from './credential-tables';

/**
 * Password history (migration 0015). Every writer of credentials.content (the upsert, the reset,
 * the runner's promotion, a settle that adopts a candidate) calls keepReplacedSecret inside its own
 * transaction, before it writes, so the old secret is kept exactly when the new one is stored.
 *
 * SEALED COLUMN credential_secret_history.secret: AAD {table 'credential_secret_history', column
 * 'secret', rowId '<credential_id>:<id>'}. Binding the credential id as well as the row means that
 * pointing an entry at another credential (editing credential_id) makes it fail to open rather than
 * reveal one credential's old secret as another's. Key rotation re-seals it with historyLocation.
 */

const TABLE = 'credential_secret_history';

export function historyLocation(credentialId: number, entryId: number): FieldLocation {
  return { table: TABLE, column: 'secret', rowId: `${credentialId}:${entryId}` };
}

export interface SecretReplacement {
  readonly credentialId: number;
  /** The secret about to be stored (null: the secret is being cleared). Equal to the old one: nothing is kept. */
  readonly newSecret: string | null;
  readonly reason: SecretReplacementReason;
  readonly operationCode?: string | null;
  /** A user name, or "system" for the runner. */
  readonly replacedBy: string;
  readonly at: string;
  /** Keep only if the credential still has this version (the runner's compare-and-swap): a lost swap keeps nothing. */
  readonly ifVersion?: number;
}

// The writers hold the vault's database narrowed to their own tables (asCredentialsDb); the policy
// lookup needs the devices and policies too, which are in the same database.
type AnyVaultDb = Kysely<CredentialsTables> | Kysely<VaultDatabase>;
const asVault = (db: AnyVaultDb) => db as unknown as Kysely<VaultDatabase>;

/** The policy's historyLength for this credential, else the default (10). */
export async function historyLengthFor(db: AnyVaultDb, credentialId: number): Promise<number> {
  return historyLengthOf(await policyForCredential(asVault(db), credentialId));
}

function historyLengthOf(match: PolicyMatch | null): number {
  return match?.policy.definition.historyLength ?? DEFAULT_HISTORY_LENGTH;
}

/**
 * Brings every credential's history down to the length its policy allows now. Called in the
 * transaction of each write that can change which policy governs a credential or how long its
 * history is (a policy saved, assigned, archived or restored): a lowered historyLength drops the
 * old secrets at once, not at each credential's next change, which may be months away. Visits
 * only credentials that have history. Returns how many entries went, for that write's audit entry.
 */
export async function trimHistoriesToPolicies(db: AnyVaultDb): Promise<number> {
  const vault = asVault(db);
  const policies = await listPolicies(vault);
  const rows = await vault
    .selectFrom(`${TABLE} as h`)
    .innerJoin('credentials as c', 'c.id', 'h.credential_id')
    .innerJoin('devices as d', 'd.id', 'c.device_id')
    .leftJoin('device_types as t', 't.id', 'd.type_id')
    .select((eb) => ['c.id', 'c.policy_id', 'c.tags', 't.name as device_type', eb.fn.countAll<number>().as('kept')])
    .groupBy('c.id')
    .execute();
  let dropped = 0;
  for (const row of rows) {
    const keep = historyLengthOf(policyFor({ policyId: row.policy_id, deviceType: row.device_type, tags: parseTagList(row.tags) }, policies));
    const excess = Number(row.kept) - keep;
    if (excess <= 0) continue;
    await trimHistory(vault, row.id, keep);
    dropped += excess;
  }
  return dropped;
}

/**
 * Seals the credential's current secret into its history (re-sealed under the history's own AAD),
 * then trims the history to the policy's length, oldest first. Call it inside the transaction that
 * replaces credentials.content, before the write.
 */
export async function keepReplacedSecret(db: AnyVaultDb, fields: FieldCipher, replacement: SecretReplacement): Promise<void> {
  const vault = asVault(db);
  let query = vault.selectFrom('credentials').select(['id', 'content']).where('id', '=', replacement.credentialId);
  if (replacement.ifVersion !== undefined) query = query.where('version', '=', replacement.ifVersion);
  const row = await query.executeTakeFirst();
  if (row?.content == null) return;
  const old = openCredentialField(fields, row.id, 'content', row.content);
  if (old === replacement.newSecret) return;
  const length = await historyLengthFor(db, row.id);
  if (length > 0) {
    // The id is part of the AAD, so the row is inserted first and sealed once its id is known.
    const inserted = await vault
      .insertInto(TABLE)
      .values({ credential_id: row.id, secret: Buffer.alloc(0), replaced_at: replacement.at, reason: replacement.reason, operation_code: replacement.operationCode ?? null, replaced_by: replacement.replacedBy })
      .returning('id')
      .executeTakeFirstOrThrow();
    await vault.updateTable(TABLE).set({ secret: fields.seal(old, historyLocation(row.id, inserted.id)) }).where('id', '=', inserted.id).execute();
  }
  await trimHistory(vault, row.id, length);
}

async function trimHistory(db: Kysely<VaultDatabase>, credentialId: number, keep: number): Promise<void> {
  // Everything at or below the newest entry past the `keep` newest goes. One seek down the
  // (credential_id, id) index, where "not in (the kept ids)" scanned the credential's whole history
  // for every promotion. No such entry (the history is not full): the bound is null, nothing goes.
  const firstDropped = db.selectFrom(TABLE).select('id').where('credential_id', '=', credentialId).orderBy('id', 'desc').limit(1).offset(keep);
  await db.deleteFrom(TABLE).where('credential_id', '=', credentialId).where('id', '<=', firstDropped).execute();
}

/** The history of one credential, newest first, without secrets. */
export async function listSecretHistory(db: AnyVaultDb, credentialId: number): Promise<readonly SecretHistoryEntryView[]> {
  const rows = await asVault(db)
    .selectFrom(TABLE)
    .select(['id', 'credential_id', 'replaced_at', 'reason', 'operation_code', 'replaced_by'])
    .where('credential_id', '=', credentialId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toView);
}

export interface OpenedHistoryEntry {
  readonly entry: SecretHistoryEntryView;
  readonly identifier: string;
  readonly kind: CredentialKind;
  readonly secret: string;
}

/** One entry with its secret opened, for an audited reveal or a restore. Nothing is audited here. */
export async function openHistoryEntry(db: AnyVaultDb, fields: FieldCipher, entryId: number): Promise<OpenedHistoryEntry> {
  const row = await asVault(db)
    .selectFrom(`${TABLE} as h`)
    .innerJoin('credentials as c', 'c.id', 'h.credential_id')
    .select(['h.id', 'h.credential_id', 'h.secret', 'h.replaced_at', 'h.reason', 'h.operation_code', 'h.replaced_by', 'c.identifier', 'c.kind'])
    .where('h.id', '=', entryId)
    .executeTakeFirst();
  if (!row) {
    throw new AppFailure('NOT_FOUND', `No password history entry has the number ${entryId}. It may have been trimmed by the policy's history length; list the credential's history to see the entries it keeps.`);
  }
  return { entry: toView(row), identifier: row.identifier, kind: row.kind, secret: fields.open(row.secret, historyLocation(row.credential_id, row.id)) };
}

function toView(row: { id: number; credential_id: number; replaced_at: string; reason: SecretReplacementReason; operation_code: string | null; replaced_by: string }): SecretHistoryEntryView {
  return { id: row.id, credentialId: row.credential_id, replacedAt: row.replaced_at, reason: row.reason, operationCode: row.operation_code, replacedBy: row.replaced_by };
}
