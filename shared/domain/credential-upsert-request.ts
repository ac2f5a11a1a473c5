import { z } from 'zod';
import { formatApiErrorMessage, type CredentialApiErrorCode } from './api-error-codes';
import { CREDENTIAL_KINDS, CREDENTIAL_STATUSES, DEFAULT_USERNAME, IDENTIFIER_MAX_LENGTH, IDENTIFIER_PATTERN } from './credential-kind';
import {
  additionalSettingsSchema,
  executionSettingsSchema,
  jitSettingsSchema,
  sessionSettingsSchema,
} from './credential-settings';
import { hostnameProblem, ipProblem, usernameProblem } from './field-rules';
import { additionalText, optionalLabel, tagListText } from './field-schemas';
import { lenientBoolean, lenientId, optionalText } from './lenient-values';

/**
 * The body of Segura's POST api/pam/credential (seed 004), snake_case as the seed spells it.
 * Absent fields keep the stored value on update and take the seed's default on create; null clears.
 * hostname, ip and username are checked before this schema by validateCredentialUpsertRequest so
 * that their absence answers with the seed's codes (1004, 1005, 1042) rather than a generic error.
 */
export const credentialUpsertRequestSchema = z.object({
  identifier: z.string().nullish(),
  username: z.string(),
  hostname: z.string().min(1),
  ip: z.string().min(1),
  content: optionalText,
  additional: additionalText.nullish(),
  tags: tagListText().nullish(),
  credential_type: optionalLabel('credential type'),
  domain: optionalLabel('domain', 253),
  parent_password: lenientId.nullish(),
  type: optionalLabel('device type'),
  vendor: optionalLabel('vendor'),
  model: optionalLabel('model'),
  site: optionalLabel('site'),
  device_domain: optionalLabel('device domain list', 2000),
  device_tags: tagListText('device tags').nullish(),
  connectivities: optionalLabel('connectivities', 2000),
  session_remote_config: optionalText,
  execution_settings: executionSettingsSchema.nullish(),
  session_settings: sessionSettingsSchema.nullish(),
  additional_settings: additionalSettingsSchema.nullish(),
  jit_settings: jitSettingsSchema.nullish(),
  /** The seed's additional-settings example sends notes at the top level; it wins over the nested one. */
  notes: optionalText,
  // pamdesk extensions (not in the seed):
  kind: z.enum(CREDENTIAL_KINDS).optional(),
  public_key: optionalText,
  key_type: optionalText,
  status: z.enum(CREDENTIAL_STATUSES).optional(),
  expires_at: z.iso.datetime({ offset: true }).nullish(),
  /** Seed 000's MFA / human-interaction mark: such a credential is never changed automatically or by request. */
  needs_human_interaction: lenientBoolean.nullish(),
});

export type CredentialUpsertRequest = z.input<typeof credentialUpsertRequestSchema>;
export type ParsedCredentialUpsertRequest = z.output<typeof credentialUpsertRequestSchema>;

export type CredentialRequestValidation =
  | { readonly ok: true; readonly request: ParsedCredentialUpsertRequest }
  | {
      readonly ok: false;
      readonly code: CredentialApiErrorCode;
      readonly message: string;
      readonly detail: string;
    };

function failure(code: CredentialApiErrorCode, detail: string): CredentialRequestValidation {
  return { ok: false, code, message: formatApiErrorMessage(code), detail };
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * Applies the seed's request rules in a fixed order (1004, 1005, then the hostname and IP rules
 * 9005/9006, 1042 (with the username rule), 1053, then the shape of
 * the remaining fields) and normalises the empty username to "usr" and the empty identifier to
 * "not sent". Shared so the editor shows the same code and message before anything is saved.
 */
export function validateCredentialUpsertRequest(body: unknown): CredentialRequestValidation {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return failure(9001, 'The request body must be a JSON object.');
  }
  const raw = body as Record<string, unknown>;
  if (isBlank(raw['hostname'])) return failure(1004, 'hostname is missing or empty.');
  if (isBlank(raw['ip'])) return failure(1005, 'ip is missing or empty.');
  const hostname = raw['hostname'];
  const hostnameRule = typeof hostname === 'string' ? hostnameProblem(hostname.trim()) : null;
  if (hostnameRule !== null) return failure(9005, hostnameRule);
  const ip = raw['ip'];
  const ipRule = typeof ip === 'string' ? ipProblem(ip.trim()) : null;
  if (ipRule !== null) return failure(9006, ipRule);
  const username = raw['username'];
  if (typeof username !== 'string') {
    return failure(1042, 'username must be sent as a string, even if empty.');
  }
  const usernameRule = usernameProblem(username);
  if (usernameRule !== null) return failure(1042, usernameRule);
  const identifier = raw['identifier'];
  if (identifier !== undefined && identifier !== null && typeof identifier !== 'string') {
    return failure(1053, 'identifier must be a string.');
  }
  if (typeof identifier === 'string' && identifier.length > IDENTIFIER_MAX_LENGTH) {
    return failure(1053, `identifier is ${identifier.length} characters long; at most ${IDENTIFIER_MAX_LENGTH} are allowed.`);
  }
  if (typeof identifier === 'string' && identifier !== '' && !IDENTIFIER_PATTERN.test(identifier)) {
    return failure(1053, `identifier ${JSON.stringify(identifier)} contains a forbidden character.`);
  }
  const parsed = credentialUpsertRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
      .join('; ');
    return failure(9001, detail);
  }
  const request = parsed.data;
  return {
    ok: true,
    request: {
      ...request,
      hostname: request.hostname.trim(),
      ip: request.ip.trim(),
      identifier: request.identifier === '' ? null : request.identifier,
      username: request.username === '' ? DEFAULT_USERNAME : request.username,
    },
  };
}
