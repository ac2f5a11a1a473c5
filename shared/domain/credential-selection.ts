import { z } from 'zod';
import { credentialGridQuerySchema } from './credential-grid-query';

/** The most credentials one bulk request or one password-change request may cover. */
export const MAX_SELECTED_CREDENTIALS = 10_000;

const credentialIdsSchema = z
  .array(z.number().int().positive())
  .min(1, 'Select at least one credential.')
  .max(MAX_SELECTED_CREDENTIALS, `At most ${MAX_SELECTED_CREDENTIALS.toLocaleString('en-US')} credentials per request.`);

/**
 * "Select all N matching": the grid's search and filters instead of ids, which main resolves. The
 * count the user saw travels with it: when the vault changed in between and the query now matches
 * a different number, main refuses rather than act on credentials nobody reviewed.
 */
export const credentialMatchingSchema = z
  .object({
    search: credentialGridQuerySchema.shape.search,
    filters: credentialGridQuerySchema.shape.filters,
    count: z.number().int().min(1, 'Select at least one credential.').max(MAX_SELECTED_CREDENTIALS, `At most ${MAX_SELECTED_CREDENTIALS.toLocaleString('en-US')} credentials per request: narrow the search or filters.`),
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
