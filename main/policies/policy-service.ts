import type { Kysely } from 'kysely';
import { AppFailure } from '../../shared/errors';
import {
  passwordPolicyCriteriaSchema,
  passwordPolicyDefinitionSchema,
  type PasswordPolicy,
  type PasswordPolicyDefinition,
  type PasswordStrength,
} from '../../shared/domain/password-policy';
import { parseTagList } from '../../shared/domain/tag-list';
import type { ArchiveFilter } from '../../shared/domain/archive';
import { matchesArchiveFilter } from '../lifecycle/archived';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { policyFor, type PolicyMatch } from './policy-for';

/**
 * Used when no policy applies: Segura's "High" shape, 20 characters from all four classes, with
 * symbols that every common shell prompt and network CLI accepts.
 */
export const DEFAULT_STRENGTH: PasswordStrength = {
  lowercase: 6,
  uppercase: 6,
  digits: 4,
  symbols: 4,
  allowed_symbols: '#%+-.:=@^_',
  allow_repeated_characters: true,
};

/** PINs are digits: a policy that asks for letters would make a PIN nobody can type. */
export const DEFAULT_PIN_STRENGTH: PasswordStrength = { lowercase: 0, uppercase: 0, digits: 6, symbols: 0, allowed_symbols: '', allow_repeated_characters: true };

/** The live policies (the only ones criteria assign), or the archived ones for the Archived list. */
export async function listPolicies(db: Kysely<VaultDatabase>, archived?: ArchiveFilter): Promise<PasswordPolicy[]> {
  const rows = await db.selectFrom('password_policies as p').selectAll().where(matchesArchiveFilter('p.archived_at', archived)).orderBy('name').execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    definition: passwordPolicyDefinitionSchema.parse(JSON.parse(row.definition)),
    criteria: passwordPolicyCriteriaSchema.parse(JSON.parse(row.criteria)),
    priority: row.priority,
    enabled: row.enabled === 1,
    archived_at: row.archived_at,
  }));
}

export interface PolicyInput {
  readonly name: string;
  readonly definition: PasswordPolicyDefinition;
  readonly criteria: { readonly device_types: readonly string[]; readonly tags: readonly string[] };
  readonly priority: number;
  readonly enabled: boolean;
}

export async function savePolicy(db: Kysely<VaultDatabase>, id: number | undefined, input: PolicyInput): Promise<PasswordPolicy> {
  const stamp = new Date().toISOString();
  const values = {
    name: input.name,
    definition: JSON.stringify(input.definition),
    criteria: JSON.stringify(input.criteria),
    priority: input.priority,
    enabled: input.enabled ? 1 : 0,
    updated_at: stamp,
  };
  const clash = await db.selectFrom('password_policies').select('id').where('name', '=', input.name).executeTakeFirst();
  if (clash && clash.id !== id) throw new AppFailure('CONFLICT', `Another policy is already named "${input.name}". Choose another name.`);
  let savedId = id;
  if (id === undefined) {
    savedId = (await db.insertInto('password_policies').values({ ...values, created_at: stamp }).returning('id').executeTakeFirstOrThrow()).id;
  } else {
    const result = await db.updateTable('password_policies').set(values).where('id', '=', id).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new AppFailure('NOT_FOUND', `No policy has id ${id}.`);
  }
  const saved = (await listPolicies(db)).find((p) => p.id === savedId) ?? (await listPolicies(db, 'archived')).find((p) => p.id === savedId);
  if (!saved) throw new AppFailure('NOT_FOUND', `Policy ${String(savedId)} vanished while being saved; try again.`);
  return saved;
}

/** Explicit assignment (null removes it, so criteria apply again). */
export async function assignPolicy(db: Kysely<VaultDatabase>, credentialIds: readonly number[], policyId: number | null): Promise<void> {
  if (policyId !== null && !(await db.selectFrom('password_policies').select('id').where('id', '=', policyId).executeTakeFirst())) {
    throw new AppFailure('NOT_FOUND', `No policy has id ${policyId}.`);
  }
  if (credentialIds.length === 0) return;
  await db.updateTable('credentials').set({ policy_id: policyId }).where('id', 'in', [...credentialIds]).execute();
}

/** The policy that governs one credential (explicit, else by its device type and tags). */
export async function policyForCredential(db: Kysely<VaultDatabase>, credentialId: number, policies?: readonly PasswordPolicy[]): Promise<PolicyMatch | null> {
  const subject = await db
    .selectFrom('credentials as c')
    .innerJoin('devices as d', 'd.id', 'c.device_id')
    .leftJoin('device_types as t', 't.id', 'd.type_id')
    .select(['c.policy_id', 'c.tags', 't.name as device_type'])
    .where('c.id', '=', credentialId)
    .executeTakeFirst();
  if (!subject) throw new AppFailure('NOT_FOUND', `No credential has id ${credentialId}.`);
  return policyFor({ policyId: subject.policy_id, deviceType: subject.device_type, tags: parseTagList(subject.tags) }, policies ?? (await listPolicies(db)));
}
