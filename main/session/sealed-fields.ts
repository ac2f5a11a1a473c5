import type { Kysely } from 'kysely';
import { openCredentialField, sealCredentialField, SEALED_CREDENTIAL_COLUMNS } from '../credentials/credential-secrets';
import { historyLocation } from '../credentials/secret-history';
import { openCandidate, sealCandidate } from '../runner/operation-candidate';
import { secretsAt } from '../templates/template-service';
import type { VaultDatabase } from '../vault/database/vault-schema';
import type { FieldCipher } from '../vault/field-cipher';
import { PRIVATE_AT, PRIVATE_META_KEY } from './unlock-failure-journal';

/** Every column that holds field-cipher output, as "table.column" (a test checks this against the schema's BLOB columns). */
export const SEALED_SECRET_COLUMNS = [...SEALED_CREDENTIAL_COLUMNS.map((column) => `credentials.${column}`), 'operations.candidate_secret', 'template_versions.secret_values', 'credential_secret_history.secret'] as const;

export interface ResealCiphers {
  readonly fromSecrets: FieldCipher;
  readonly toSecrets: FieldCipher;
  readonly fromMetadata: FieldCipher;
  readonly toMetadata: FieldCipher;
}

/**
 * Opens every sealed value with the old generation's ciphers and seals it again with the new one's,
 * with the same AAD each writer uses (its own helper, so there is one definition of each location).
 * Runs inside the caller's transaction; returns how many values were re-sealed.
 */
export async function resealEveryField(trx: Kysely<VaultDatabase>, ciphers: ResealCiphers): Promise<number> {
  let count = 0;
  const credentials = await trx.selectFrom('credentials').select(['id', ...SEALED_CREDENTIAL_COLUMNS]).execute();
  for (const row of credentials) {
    const set: Partial<Record<(typeof SEALED_CREDENTIAL_COLUMNS)[number], Buffer>> = {};
    for (const column of SEALED_CREDENTIAL_COLUMNS) {
      const sealed = row[column];
      if (sealed === null) continue;
      set[column] = sealCredentialField(ciphers.toSecrets, row.id, column, openCredentialField(ciphers.fromSecrets, row.id, column, sealed));
      count += 1;
    }
    if (Object.keys(set).length > 0) await trx.updateTable('credentials').set(set).where('id', '=', row.id).execute();
  }
  const operations = await trx.selectFrom('operations').select(['id', 'candidate_secret']).where('candidate_secret', 'is not', null).execute();
  for (const row of operations) {
    if (row.candidate_secret === null) continue;
    const candidate_secret = sealCandidate(ciphers.toSecrets, row.id, openCandidate(ciphers.fromSecrets, row.id, row.candidate_secret));
    await trx.updateTable('operations').set({ candidate_secret }).where('id', '=', row.id).execute();
    count += 1;
  }
  const versions = await trx.selectFrom('template_versions').select(['template_id', 'version', 'secret_values']).where('secret_values', 'is not', null).execute();
  for (const row of versions) {
    if (row.secret_values === null) continue;
    const at = secretsAt(row.template_id, row.version);
    const secret_values = ciphers.toSecrets.seal(ciphers.fromSecrets.open(row.secret_values, at), at);
    await trx.updateTable('template_versions').set({ secret_values }).where('template_id', '=', row.template_id).where('version', '=', row.version).execute();
    count += 1;
  }
  const history = await trx.selectFrom('credential_secret_history').select(['id', 'credential_id', 'secret']).execute();
  for (const row of history) {
    const at = historyLocation(row.credential_id, row.id);
    const secret = ciphers.toSecrets.seal(ciphers.fromSecrets.open(row.secret, at), at);
    await trx.updateTable('credential_secret_history').set({ secret }).where('id', '=', row.id).execute();
    count += 1;
  }
  const inbox = await trx.selectFrom('meta').select('value').where('key', '=', PRIVATE_META_KEY).executeTakeFirst();
  if (inbox !== undefined) {
    const value = ciphers.toMetadata.seal(ciphers.fromMetadata.open(Buffer.from(inbox.value, 'base64'), PRIVATE_AT), PRIVATE_AT).toString('base64');
    await trx.updateTable('meta').set({ value }).where('key', '=', PRIVATE_META_KEY).execute();
    count += 1;
  }
  return count;
}
