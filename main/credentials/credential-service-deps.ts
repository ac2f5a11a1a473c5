import type { Kysely } from 'kysely';
import type { FieldCipher } from '../vault/field-cipher';
import type { CredentialsTables } from './credential-tables';

/** What the credential services need from the composition root. */
export interface CredentialServiceDeps {
  readonly db: Kysely<CredentialsTables>;
  readonly cipher: FieldCipher;
  /** Injected so tests and recovery can control timestamps; defaults to the system clock. */
  readonly clock?: () => Date;
  /** Injected for deterministic tests; defaults to newCredentialIdentifier. */
  readonly newIdentifier?: () => string;
  /**
   * Recorded with a secret this write replaces (password history): why and by whom. The editor and
   * seed 004's upsert are "edit", the import is "import"; absent reads as an edit by "unrecorded".
   */
  readonly secretReplacement?: { readonly reason: 'edit' | 'import'; readonly by: string };
}

export function nowIso(deps: { readonly clock?: () => Date }): string {
  return (deps.clock?.() ?? new Date()).toISOString();
}
