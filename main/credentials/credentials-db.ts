import type { Kysely } from 'kysely';
import type { CredentialsTables } from './credential-tables';

/**
 * Narrows the vault's Kysely<Database> to the tables these services use. Kysely's type is not
 * covariant in its table map, so a Kysely over more tables does not assign to one over fewer;
 * narrowing is sound (it only forbids naming the other tables), and the constraint keeps the cast
 * honest: it compiles only if the vault's Database really contains CredentialsTables.
 */
export function asCredentialsDb<DB extends CredentialsTables>(db: Kysely<DB>): Kysely<CredentialsTables> {
  return db as unknown as Kysely<CredentialsTables>;
}
