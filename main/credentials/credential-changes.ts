import type { Updateable } from 'kysely';
import type { AdditionalAuthenticationField } from '../../shared/domain/credential-settings';
import type { ParsedCredentialUpsertRequest } from '../../shared/domain/credential-upsert-request';
import type { CredentialView } from '../../shared/domain/credential-view';
import { DEFAULT_CREDENTIAL_TYPE } from '../../shared/domain/credential-kind';
import { formatTagList, parseTagList } from '../../shared/domain/tag-list';
import type { CredentialsTable } from './credential-tables';
import { mergeSettings, settingsJson } from './settings-merge';
import type { SealedCredentialColumn } from './credential-secrets';

/** Plaintext secrets to seal once the row's id is known (the id is part of the AAD). null clears. */
export type SecretChanges = Partial<Record<SealedCredentialColumn, string | null>>;

export interface CredentialChanges {
  /** Plain columns to write; absent keys keep the stored value. */
  readonly columns: Updateable<CredentialsTable>;
  readonly secrets: SecretChanges;
  /** Normalised tags when tags were sent, for credential_tags. */
  readonly tags: readonly string[] | undefined;
}

function text(value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  return value === null || value.trim() === '' ? null : value;
}

// An empty secret is "no secret" (Segura's default "-"): a blank password is never a real one.
function secret(value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  return value === null || value === '' ? null : value;
}

function authFields(fields: readonly AdditionalAuthenticationField[] | null | undefined) {
  if (fields === undefined) return { names: undefined, values: undefined };
  if (fields === null || fields.length === 0) return { names: null, values: null };
  return {
    names: JSON.stringify(fields.map(({ name, short_name }) => ({ name, short_name }))),
    values: JSON.stringify(fields.map((f) => f.value)),
  };
}

/**
 * Translates a validated request into column changes. On create `existing` is undefined and
 * absent fields take the seed's defaults; on update absent fields are left out.
 */
export function credentialChanges(
  request: ParsedCredentialUpsertRequest,
  existing: CredentialView | undefined,
  merged: {
    readonly execution: object | null;
    readonly session: object | null;
    readonly jit: object | null;
  },
): CredentialChanges {
  const additional = request.additional_settings ?? undefined;
  const clearAdditional = request.additional_settings === null;
  const pick = <T>(value: T | undefined): T | null | undefined => (clearAdditional ? null : value);
  const auth = authFields(clearAdditional ? null : additional?.additional_authentication_fields);
  const tags = request.tags === undefined ? undefined : parseTagList(request.tags);
  const credentialType = request.credential_type === undefined ? undefined : text(request.credential_type) ?? DEFAULT_CREDENTIAL_TYPE;

  const columns: Updateable<CredentialsTable> = {
    username: request.username,
    kind: request.kind,
    additional: text(request.additional),
    tags: tags === undefined ? undefined : tags.length === 0 ? null : formatTagList(tags),
    credential_type: credentialType,
    domain: text(request.domain),
    parent_credential_id: request.parent_password,
    session_remote_config: text(request.session_remote_config),
    execution_settings: request.execution_settings === undefined ? undefined : settingsJson(merged.execution),
    session_settings: request.session_settings === undefined ? undefined : settingsJson(merged.session),
    jit_settings: request.jit_settings === undefined ? undefined : settingsJson(merged.jit),
    a2a_identifier: text(pick(additional?.identifier)),
    owner: text(pick(additional?.user_credential_owner)),
    server_path: text(pick(additional?.server_path)),
    criticality: pick(additional?.criticality),
    additional_auth_fields: auth.names,
    // Top-level notes (the seed's example) win over additional_settings.notes (the seed's list).
    notes: text(request.notes !== undefined ? request.notes : pick(additional?.notes)),
    public_key: text(request.public_key),
    key_type: text(request.key_type),
    status: request.status,
    expires_at: request.expires_at,
    // null (sent as null) is "not marked", as absent is on create.
    needs_human_interaction: request.needs_human_interaction === undefined ? undefined : request.needs_human_interaction === true ? 1 : 0,
  };
  const secrets: SecretChanges = {
    content: secret(request.content),
    totp_secret: secret(pick(additional?.secret_key)),
    additional_auth_values: auth.values,
  };
  if (existing === undefined) {
    // Seed defaults for a new credential.
    Object.assign(columns, {
      kind: columns.kind ?? 'password',
      credential_type: columns.credential_type ?? DEFAULT_CREDENTIAL_TYPE,
      status: columns.status ?? 'active',
    });
  }
  return {
    columns: dropUndefined(columns),
    secrets: dropUndefined(secrets),
    tags,
  };
}

// A plain loop: a bulk approval calls this for each of up to 100,000 credentials.
function dropUndefined<T extends object>(value: T): T {
  const kept: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) kept[key] = item;
  return kept as T;
}

/** Merges the sent settings objects over the stored ones (see mergeSettings). */
export function mergedSettings(request: ParsedCredentialUpsertRequest, existing: CredentialView | undefined) {
  return {
    execution: mergeSettings(existing?.execution_settings ?? null, request.execution_settings),
    session: mergeSettings(existing?.session_settings ?? null, request.session_settings),
    jit: mergeSettings(existing?.jit_settings ?? null, request.jit_settings),
  };
}
