import type { Kysely } from 'kysely';
import { AppFailure } from '../../shared/errors';
import { credentialGridQuerySchema } from '../../shared/domain/credential-grid-query';
import { MAX_SELECTED_CREDENTIALS, type CredentialMatching } from '../../shared/domain/credential-selection';
import type { CredentialsTables } from './credential-tables';
import { applyFilters } from './query-credentials';

const count = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'credential' : 'credentials'}`;

/**
 * The credentials a request covers: its ids, or every credential its search and filters match
 * (the grid's own WHERE, so "select all N matching" is exactly what the grid counted). Refused, in
 * the user's words, when the query matches more than one request may cover, nothing, or not the
 * number the user saw (the vault changed since: what was reviewed must be what is requested).
 */
export async function resolveCredentialSelection(
  db: Kysely<CredentialsTables>,
  selection: { readonly credentialIds?: readonly number[] | undefined; readonly matching?: CredentialMatching | undefined },
): Promise<number[]> {
  if (selection.credentialIds !== undefined) return [...selection.credentialIds];
  const matching = selection.matching;
  if (matching === undefined) throw new AppFailure('VALIDATION', 'Name the credentials to act on: select them in the grid first.');
  const parsed = credentialGridQuerySchema.parse({ search: matching.search, filters: matching.filters });
  // One more than the cap is enough to know the cap is passed, without reading the whole vault.
  const rows = await applyFilters(db.selectFrom('credentials as c'), parsed)
    .select('c.id')
    .orderBy('c.id')
    .limit(MAX_SELECTED_CREDENTIALS + 1)
    .execute();
  if (rows.length > MAX_SELECTED_CREDENTIALS) {
    throw new AppFailure('VALIDATION', `This search and these filters match more than ${count(MAX_SELECTED_CREDENTIALS)}, the most one request can cover. Narrow the search or the filters, or send it in parts.`, { limit: MAX_SELECTED_CREDENTIALS });
  }
  if (rows.length === 0) throw new AppFailure('VALIDATION', 'No credential matches this search and these filters any more: change them and select again.');
  if (rows.length !== matching.count) {
    throw new AppFailure(
      'CONFLICT',
      `You selected ${count(matching.count)}, but this search and these filters now match ${count(rows.length)} (the vault changed since). Nothing was sent: select all matching again and review the new count.`,
      { selected: matching.count, matching: rows.length },
    );
  }
  return rows.map((row) => row.id);
}
