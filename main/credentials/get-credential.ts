import type { Kysely } from 'kysely';
import type { CredentialView } from '../../shared/domain/credential-view';
import type { CredentialsTables } from './credential-tables';
import { loadCredentialRow, toCredentialView } from './credential-view-mapper';

/** A credential by id or identifier, without secrets; undefined when there is none. */
export async function getCredential(
  db: Kysely<CredentialsTables>,
  ref: number | string,
): Promise<CredentialView | undefined> {
  const row = await loadCredentialRow(db, typeof ref === 'number' ? { id: ref } : { identifier: ref });
  return row === undefined ? undefined : toCredentialView(row);
}
