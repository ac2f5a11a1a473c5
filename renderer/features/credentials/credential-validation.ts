import { CREDENTIAL_API_ERRORS, type CredentialApiErrorCode } from '../../../shared/domain/api-error-codes';
import type { CredentialApiResponse } from '../../../shared/domain/credential-api-response';
import { executionSettingsSchema } from '../../../shared/domain/credential-settings';
import { validateCredentialUpsertRequest } from '../../../shared/domain/credential-upsert-request';
import type { DeviceView } from '../../../shared/domain/device-view';
import { checkPluginRequirements } from '../../../shared/domain/plugin-requirements';
import type { AppError } from '../../../shared/errors';
import { errorWords, seedCodeOf } from '../../errors/error-words';
import { SEED_CODE_WORDS } from '../../errors/seed-code-words';
import type { ExecutionForm } from './credential-form';

/** The editor's labels of the request fields, for refusals that name a field. */
const FORM_LABELS = { parent_password: 'Parent credential', device_domain: 'Domain', credential_type: 'Credential type', additional_information: 'Additional information' } as const;

export type FieldKey = 'identifier' | 'username' | 'hostname' | 'ip' | 'parent_password' | `execution.${keyof ExecutionForm}`;

export interface FormErrors {
  /** Shown at the top of the editor: what happened and what to do. */
  readonly summary: string;
  readonly fields: Partial<Record<FieldKey, string>>;
}

const FIELD_OF_CODE: Partial<Record<CredentialApiErrorCode, FieldKey>> = {
  1004: 'hostname',
  1005: 'ip',
  1011: 'hostname',
  1042: 'username',
  1053: 'identifier',
  9002: 'parent_password',
  9003: 'username',
  9105: 'execution.authentication_credential',
  9106: 'execution.authentication_credential',
  9107: 'execution.reconciliation_credential',
  9108: 'execution.reconciliation_credential',
  9109: 'parent_password',
  9005: 'hostname',
  9006: 'ip',
};

/** 9101-9104 concern the change or the reconciliation: the detail names the field. */
function fieldInDetail(detail: string): FieldKey | undefined {
  const named = /execution_settings\.((?:change|reconciliation)_(?:plugin|template))/.exec(detail)?.[1];
  return named === undefined ? undefined : (`execution.${named}` as FieldKey);
}

function isCode(value: unknown): value is CredentialApiErrorCode {
  return typeof value === 'number' && Object.prototype.hasOwnProperty.call(CREDENTIAL_API_ERRORS, value);
}

/** 1046/1047 name no field; the rule that raised them does (e.g. execution_settings.change_plugin). */
function pluginField(body: Record<string, unknown>): FieldKey | undefined {
  const execution = executionSettingsSchema.safeParse(body['execution_settings'] ?? {});
  const failure = execution.success ? checkPluginRequirements(execution.data, null) : null;
  return failure ? (failure.field.replace('execution_settings.', 'execution.') as FieldKey) : undefined;
}

function errorsFor(code: CredentialApiErrorCode, detail: string, body: Record<string, unknown>): FormErrors {
  const field = code === 1046 || code === 1047 ? pluginField(body) : (FIELD_OF_CODE[code] ?? fieldInDetail(detail));
  // Said in the form's labels; the seed's code (and which value broke it) stays beside it, secondary.
  const { what, todo } = SEED_CODE_WORDS[code];
  const summary = `The credential was not saved. ${what} ${todo} (Code ${code}${detail ? `: ${detail.replace(/\.$/, '')}` : ''})`;
  return { summary, fields: field ? { [field]: what } : {} };
}

/**
 * The upsert's own rules, run before sending so the operator sees the same code and text at once.
 * Main runs them again and is the authority; the device check here uses the device list, when known.
 */
export function validateLocally(body: Record<string, unknown>, devices: readonly DeviceView[] | undefined): FormErrors | undefined {
  const checked = validateCredentialUpsertRequest(body);
  if (!checked.ok) return errorsFor(checked.code, checked.detail, body);
  const plugin = pluginField(body);
  if (plugin) {
    const code = plugin.endsWith('plugin') ? 1046 : 1047;
    return errorsFor(code, '', body);
  }
  const { hostname, ip } = checked.request;
  if (devices && !devices.some((d) => d.hostname === hostname && d.ip === ip)) {
    return errorsFor(1011, `no device has hostname "${hostname}" and IP "${ip}"`, body);
  }
  return undefined;
}

/** Main's refusal, placed next to the field it concerns when the seed's code names one. */
export function errorsFromServer(error: AppError, body: Record<string, unknown>): FormErrors {
  const response = error.details?.['response'] as CredentialApiResponse | undefined;
  const fromResponse = response?.response.error_code;
  const code = isCode(fromResponse) ? fromResponse : seedCodeOf(error);
  if (code === undefined) return { summary: `The credential was not saved: ${errorWords(error, FORM_LABELS).text}`, fields: {} };
  return errorsFor(code, response?.response.detail ?? '', body);
}
