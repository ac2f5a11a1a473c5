import { additionalAuthenticationFieldSchema, type AdditionalAuthenticationField } from '../../shared/domain/credential-settings';
import type { CredentialKind } from '../../shared/domain/credential-kind';
import type { CredentialServiceDeps } from './credential-service-deps';
import { openCredentialField } from './credential-secrets';

export type RevealableSecret = 'content' | 'totp_secret';

export interface RevealedSecret {
  readonly id: number;
  readonly identifier: string;
  readonly kind: CredentialKind;
  readonly field: RevealableSecret;
  /** null when no secret is stored in that field. */
  readonly secret: string | null;
}

/**
 * The plaintext of one sealed field. It does not audit: the caller (the router) records who
 * revealed what, because only it knows the session and the reason.
 */
export async function revealSecret(
  deps: Pick<CredentialServiceDeps, 'db' | 'cipher'>,
  id: number,
  field: RevealableSecret = 'content',
): Promise<RevealedSecret | undefined> {
  const row = await deps.db
    .selectFrom('credentials')
    .select(['id', 'identifier', 'kind', 'content', 'totp_secret'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const sealed = row[field];
  return {
    id: row.id,
    identifier: row.identifier,
    kind: row.kind,
    field,
    secret: sealed === null ? null : openCredentialField(deps.cipher, row.id, field, sealed),
  };
}

/** The additional authentication fields with their (sealed) values opened; undefined when no such credential. */
export async function revealAdditionalAuthenticationFields(
  deps: Pick<CredentialServiceDeps, 'db' | 'cipher'>,
  id: number,
): Promise<readonly AdditionalAuthenticationField[] | undefined> {
  const row = await deps.db
    .selectFrom('credentials')
    .select(['id', 'additional_auth_fields', 'additional_auth_values'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  if (row.additional_auth_fields === null) return [];
  const names = additionalAuthenticationFieldSchema.omit({ value: true }).array().parse(JSON.parse(row.additional_auth_fields));
  const values: unknown =
    row.additional_auth_values === null
      ? []
      : JSON.parse(openCredentialField(deps.cipher, row.id, 'additional_auth_values', row.additional_auth_values));
  const list = Array.isArray(values) ? values : [];
  return names.map((n, i) => ({ ...n, value: typeof list[i] === 'string' ? list[i] : '' }));
}
