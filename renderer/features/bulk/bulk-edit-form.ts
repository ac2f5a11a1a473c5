import type { BulkEditChangesInput, BulkExecutionChanges, TagMode } from '../../../shared/domain/bulk';

/** Execution settings typed as text; an empty one clears the setting on every credential. */
export const EXECUTION_TEXT_KEYS = [
  'change_plugin',
  'change_template',
  'authentication_credential',
  'authentication_hostname',
  'authentication_ip',
  'reconciliation_credential',
  'reconciliation_hostname',
  'reconciliation_ip',
  'reconciliation_plugin',
  'reconciliation_template',
] as const;
export type ExecutionTextKey = (typeof EXECUTION_TEXT_KEYS)[number];

export const EXECUTION_FLAG_KEYS = ['automatic_change', 'use_own_credential_to_connect', 'status'] as const;
export type ExecutionFlagKey = (typeof EXECUTION_FLAG_KEYS)[number];

/** Information fields typed as text; `device` holds a device id from the list, `parent` an identifier. */
export type InformationKey = 'credential_type' | 'domain' | 'device' | 'additional' | 'tags' | 'parent';
export type TextKey = InformationKey | ExecutionTextKey;
/** Seed 000's MFA / human-interaction mark: a flag of the credential itself, not of its execution settings. */
export type FlagKey = ExecutionFlagKey | 'needs_human_interaction';
export type EditKey = TextKey | FlagKey;

/**
 * The wizard's Edit step. `on` says which fields the operator turned on: only those are sent, so a
 * field left off keeps each credential's own value.
 */
export interface BulkEditForm {
  readonly on: Readonly<Partial<Record<EditKey, boolean>>>;
  readonly text: Readonly<Partial<Record<TextKey, string>>>;
  readonly flags: Readonly<Partial<Record<FlagKey, boolean>>>;
  readonly tagMode: TagMode;
}

export const EMPTY_EDIT_FORM: BulkEditForm = { on: {}, text: {}, flags: {}, tagMode: 'add' };

export function countTurnedOn(form: BulkEditForm): number {
  return Object.values(form.on).filter(Boolean).length;
}

/** What the form needs looked up before it can be sent (a device by id, a parent by identifier). */
export interface EditLookups {
  readonly device?: { readonly hostname: string; readonly ip: string } | undefined;
  readonly parentId?: number | null | undefined;
}

export type EditErrors = Partial<Record<EditKey | 'form', string>>;

export function splitTags(text: string): string[] {
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

/** Checks what the renderer can check before asking main; main checks everything again. */
export function validateEditForm(form: BulkEditForm): EditErrors {
  const errors: EditErrors = {};
  if (countTurnedOn(form) === 0) errors.form = 'Turn on at least one field to change.';
  if (form.on.credential_type && !(form.text.credential_type ?? '').trim()) errors.credential_type = 'Give the password type.';
  if (form.on.device && !form.text.device) errors.device = 'Choose the device.';
  if (form.on.tags && form.tagMode === 'add' && splitTags(form.text.tags ?? '').length === 0) errors.tags = 'Give at least one tag to add, separated by commas.';
  return errors;
}

/** The request's `changes`: only the fields turned on, in the contract's shape. */
export function toChanges(form: BulkEditForm, lookups: EditLookups): BulkEditChangesInput {
  const changes: BulkEditChangesInput = {};
  const text = (key: TextKey): string => form.text[key] ?? '';
  if (form.on.credential_type) changes.credential_type = text('credential_type').trim();
  if (form.on.domain) changes.domain = text('domain');
  if (form.on.device && lookups.device) changes.device = { hostname: lookups.device.hostname, ip: lookups.device.ip };
  if (form.on.additional) changes.additional = text('additional');
  if (form.on.tags) changes.tags = { mode: form.tagMode, tags: splitTags(text('tags')) };
  if (form.on.parent && lookups.parentId !== undefined) changes.parent_credential_id = lookups.parentId;
  if (form.on.needs_human_interaction) changes.needs_human_interaction = form.flags.needs_human_interaction ?? false;
  const execution: Record<string, string | boolean> = {};
  for (const key of EXECUTION_TEXT_KEYS) if (form.on[key]) execution[key] = text(key);
  for (const key of EXECUTION_FLAG_KEYS) if (form.on[key]) execution[key] = form.flags[key] ?? false;
  if (Object.keys(execution).length > 0) changes.execution_settings = execution as BulkExecutionChanges;
  return changes;
}
