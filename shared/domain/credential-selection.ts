import { z } from 'zod';
import { credentialGridQuerySchema } from './credential-grid-query';

/**
 * The most credentials one request (a bulk request, a password-change request) may cover. Reached
 * by "select all N matching": main resolves the query itself, so nothing this size crosses IPC.
 */
export const MAX_SELECTED_CREDENTIALS = 100_000;

/**
 * The most credential ids a request may list one by one. Every id list crosses IPC (or the host's
 * WebSocket) and is parsed and validated in main before any handler runs; 10,000 ids are ~70 KB,
 * while the renderer never holds more than the pages it loaded (Ctrl+A selects those). Past this,
 * the selection is the query instead (MAX_SELECTED_CREDENTIALS), which costs the same few bytes at
 * any size.
 */
export const MAX_LISTED_CREDENTIALS = 10_000;

const count = (n: number) => n.toLocaleString('en-US');

const credentialIdsSchema = z
  .array(z.number().int().positive())
  .min(1, 'Select at least one credential.')
  .max(MAX_LISTED_CREDENTIALS, `At most ${count(MAX_LISTED_CREDENTIALS)} credentials can be listed one by one: use "Select all matching" to cover up to ${count(MAX_SELECTED_CREDENTIALS)}.`);

/**
 * "Select all N matching": the grid's search and filters instead of ids, which main resolves. The
 * count the user saw travels with it: when the vault changed in between and the query now matches
 * a different number, main refuses rather than act on credentials nobody reviewed.
 */
export const credentialMatchingSchema = z
  .object({
    search: credentialGridQuerySchema.shape.search,
    filters: credentialGridQuerySchema.shape.filters,
    count: z.number().int().min(1, 'Select at least one credential.').max(MAX_SELECTED_CREDENTIALS, `At most ${count(MAX_SELECTED_CREDENTIALS)} credentials per request: narrow the search or filters.`),
  })
  .strict();
export type CredentialMatching = z.output<typeof credentialMatchingSchema>;

/** Which credentials a request covers: chosen one by one (ids) or everything a query matches. */
export const credentialSelectionShape = {
  credentialIds: credentialIdsSchema.optional(),
  matching: credentialMatchingSchema.optional(),
} as const;

/** Refinement for a schema with `credentialSelectionShape`: exactly one of ids and matching. */
export function oneSelection(value: { readonly credentialIds?: readonly number[] | undefined; readonly matching?: CredentialMatching | undefined }): boolean {
  return (value.credentialIds === undefined) !== (value.matching === undefined);
}
export const ONE_SELECTION_MESSAGE = 'Name the credentials either by id or by a search, not both and not neither.';

export { credentialIdsSchema };
