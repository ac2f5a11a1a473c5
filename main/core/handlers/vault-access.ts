import type { Kysely } from 'kysely';
import { asCredentialsDb } from '../../credentials/credentials-db';
import type { CredentialServiceDeps } from '../../credentials/credential-service-deps';
import type { CredentialsTables } from '../../credentials/credential-tables';
import type { VaultSessions } from '../../session/vault-sessions';

/** The open vault's pieces as the feature services want them; throws VAULT_LOCKED when locked. */
export function credentialDeps(sessions: VaultSessions): CredentialServiceDeps {
  const vault = sessions.vault();
  return { db: asCredentialsDb(vault.database.db), cipher: vault.fields };
}

export function credentialsDb(sessions: VaultSessions): Kysely<CredentialsTables> {
  return asCredentialsDb(sessions.vault().database.db);
}
