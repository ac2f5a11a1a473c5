import { CompiledQuery, type Kysely } from 'kysely';
import { isLive } from '../lifecycle/archived';
import type { CredentialKind } from '../../shared/domain/credential-kind';
import type { VaultDatabase } from '../vault/database/vault-schema';
import type { OperationTrigger, OperationType } from './operation-model';

/**
 * The runner's hottest reads as fixed SQL text, run through the caller's Kysely connection (or
 * transaction) so they see its uncommitted writes, and prepared once by the statement cache. Every
 * attempt runs these: building and compiling Kysely's query tree for them cost more than SQLite
 * running them (bench/runner). tsc cannot check the SQL against the schema; every runner test runs
 * it. Keep this file small and each row type next to its SQL.
 */

/** An operation with its credential (null columns: the credential is gone). */
export interface OperationRow {
  readonly id: number;
  readonly code: string;
  readonly type: OperationType;
  readonly trigger: OperationTrigger;
  readonly requester: string;
  readonly attempts_made: number;
  readonly max_attempts: number;
  readonly candidate_secret: Buffer | null;
  readonly candidate_public_key: string | null;
  readonly base_version: number | null;
  readonly candidate_preset: number;
  readonly candidate_sent: number;
  readonly settle_tries: number;
  readonly credential_id: number | null;
  readonly identifier: string | null;
  readonly username: string | null;
  readonly kind: CredentialKind | null;
  readonly device_id: number | null;
  readonly version: number | null;
  readonly content: Buffer | null;
  readonly execution_settings: string | null;
  readonly needs_human_interaction: number | null;
}

const OPERATION_ROW = `select o.id, o.code, o.type, o."trigger", o.requester, o.attempts_made, o.max_attempts, o.candidate_secret,
  o.candidate_public_key, o.base_version, o.candidate_preset, o.candidate_sent, o.settle_tries,
  c.id as credential_id, c.identifier, c.username, c.kind, c.device_id, c.version, c.content, c.execution_settings, c.needs_human_interaction
  from operations as o left join credentials as c on c.id = o.credential_id where o.id = ?`;

export async function selectOperationRow(db: Kysely<VaultDatabase>, id: number): Promise<OperationRow | undefined> {
  const result = await db.executeQuery(CompiledQuery.raw(OPERATION_ROW, [id]));
  return result.rows[0] as OperationRow | undefined;
}

/** A parent's children that a parent change reaches: active and live (the archive rule is isLive's). */
export interface ChildRow {
  readonly id: number;
  readonly identifier: string;
  readonly needs_human_interaction: number;
}

// Built by Kysely once, so the archive rule stays the one in isLive, then run by its text: the
// parent's id goes where the placeholder value was compiled. (Every vault is SQLite: one text.)
const PARENT = Object.freeze({ parent: 'placeholder' });
let liveChildren: CompiledQuery | undefined;

export async function selectLiveChildren(db: Kysely<VaultDatabase>, credentialId: number): Promise<readonly ChildRow[]> {
  liveChildren ??= db
    .selectFrom('credentials')
    .select(['id', 'identifier', 'needs_human_interaction'])
    .where('parent_credential_id', '=', PARENT as unknown as number)
    .where('status', '=', 'active')
    .where(isLive('archived_at'))
    .compile();
  const parameters = liveChildren.parameters.map((value) => (value === PARENT ? credentialId : value));
  const result = await db.executeQuery(CompiledQuery.raw(liveChildren.sql, parameters));
  return result.rows as ChildRow[];
}
