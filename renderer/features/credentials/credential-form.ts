import type { CredentialKind, CredentialStatus } from '../../../shared/domain/credential-kind';
import { DEFAULT_CREDENTIAL_TYPE } from '../../../shared/domain/credential-kind';
import type { Criticality } from '../../../shared/domain/credential-settings';
import type { CredentialView } from '../../../shared/domain/credential-view';

/** The execution settings of seed 004, as the form edits them. */
export interface ExecutionForm {
  parent_credential: string;
  parent_hostname: string;
  parent_ip: string;
  automatic_change: boolean;
  agent_based_password_change: boolean;
  change_plugin: string;
  change_template: string;
  use_own_credential_to_connect: boolean;
  authentication_credential: string;
  authentication_hostname: string;
  authentication_ip: string;
  /** Reconciliation after a failed rotation. */
  status: boolean;
  reconciliation_credential: string;
  reconciliation_hostname: string;
  reconciliation_ip: string;
  reconciliation_plugin: string;
  reconciliation_template: string;
}

export interface AuthFieldForm {
  name: string;
  short_name: string;
  value: string;
}

/**
 * Everything the editor holds. It lives in the editor's component state only: `content` and
 * `secret_key` are secrets and must never reach a store.
 */
export interface CredentialForm {
  identifier: string;
  kind: CredentialKind;
  username: string;
  hostname: string;
  ip: string;
  content: string;
  credential_type: string;
  domain: string;
  tags: string;
  additional: string;
  /** The parent credential's id (seed 004's parent_password), chosen with a picker. */
  parent_password: string;
  /** The parent's identifier, shown by the picker; never sent. */
  parent_label: string;
  /** Seed 000: MFA or a human step is needed; pamdesk never changes this credential. */
  needs_human_interaction: boolean;
  notes: string;
  status: CredentialStatus;
  execution: ExecutionForm;
  a2a_identifier: string;
  user_credential_owner: string;
  server_path: string;
  secret_key: string;
  criticality: Criticality | '';
  auth_fields: AuthFieldForm[];
  /** Stored values of the additional authentication fields are sealed: resend them only when edited. */
  auth_fields_edited: boolean;
}

export const EMPTY_EXECUTION: ExecutionForm = {
  parent_credential: '',
  parent_hostname: '',
  parent_ip: '',
  automatic_change: false,
  agent_based_password_change: false,
  change_plugin: '',
  change_template: '',
  // A new credential connects as itself unless an authentication credential is chosen.
  use_own_credential_to_connect: true,
  authentication_credential: '',
  authentication_hostname: '',
  authentication_ip: '',
  status: false,
  reconciliation_credential: '',
  reconciliation_hostname: '',
  reconciliation_ip: '',
  reconciliation_plugin: '',
  reconciliation_template: '',
};

export function emptyForm(): CredentialForm {
  return {
    identifier: '',
    kind: 'password',
    username: '',
    hostname: '',
    ip: '',
    content: '',
    credential_type: DEFAULT_CREDENTIAL_TYPE,
    domain: '',
    tags: '',
    additional: '',
    parent_password: '',
    parent_label: '',
    needs_human_interaction: false,
    notes: '',
    status: 'active',
    execution: { ...EMPTY_EXECUTION },
    a2a_identifier: '',
    user_credential_owner: '',
    server_path: '',
    secret_key: '',
    criticality: '',
    auth_fields: [],
    auth_fields_edited: false,
  };
}

const str = (value: string | boolean | null | undefined): string => (typeof value === 'string' ? value : '');

/** The form for an existing credential; secrets start empty and mean "keep the stored one". */
export function formFromView(view: CredentialView): CredentialForm {
  const e = view.execution_settings;
  const a = view.additional_settings;
  return {
    ...emptyForm(),
    identifier: view.identifier,
    kind: view.kind,
    username: view.username,
    hostname: view.hostname,
    ip: view.ip,
    credential_type: view.credential_type,
    domain: view.domain ?? '',
    tags: view.tags.join(','),
    additional: view.additional ?? '',
    parent_password: view.parent_credential_id === null ? '' : String(view.parent_credential_id),
    needs_human_interaction: view.needs_human_interaction,
    notes: view.notes ?? '',
    status: view.status,
    execution: e
      ? {
          parent_credential: str(e.parent_credential),
          parent_hostname: str(e.parent_hostname),
          parent_ip: str(e.parent_ip),
          automatic_change: e.automatic_change === true,
          agent_based_password_change: e.agent_based_password_change === true,
          change_plugin: str(e.change_plugin),
          change_template: str(e.change_template),
          // Absent means "connect as itself", as the runner reads it.
          use_own_credential_to_connect: e.use_own_credential_to_connect !== false,
          authentication_credential: str(e.authentication_credential),
          authentication_hostname: str(e.authentication_hostname),
          authentication_ip: str(e.authentication_ip),
          status: e.status === true,
          reconciliation_credential: str(e.reconciliation_credential),
          reconciliation_hostname: str(e.reconciliation_hostname),
          reconciliation_ip: str(e.reconciliation_ip),
          reconciliation_plugin: str(e.reconciliation_plugin),
          reconciliation_template: str(e.reconciliation_template),
        }
      : { ...EMPTY_EXECUTION },
    a2a_identifier: a.identifier ?? '',
    user_credential_owner: a.user_credential_owner ?? '',
    server_path: a.server_path ?? '',
    criticality: a.criticality ?? '',
    auth_fields: a.additional_authentication_fields.map((f) => ({ name: f.name, short_name: f.short_name, value: '' })),
  };
}

/** Empty text means "none": null clears a stored value (seed 004: absent keeps, null clears). */
const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** The parent travels as parent_password (an id); seed 004's parent_* names are for API clients. */
const PARENT_NAME_KEYS = new Set(['parent_credential', 'parent_hostname', 'parent_ip']);

function executionBody(e: ExecutionForm): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(e)) {
    if (!PARENT_NAME_KEYS.has(key)) body[key] = typeof value === 'boolean' ? value : orNull(value);
  }
  return body;
}

function isDefaultExecution(e: ExecutionForm): boolean {
  return Object.entries(e).every(([key, value]) => value === EMPTY_EXECUTION[key as keyof ExecutionForm]);
}

/** The seed-004 request body for this form. `existing` is the credential being edited, if any. */
export function upsertBody(form: CredentialForm, existing: CredentialView | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = {
    // The seed requires username even when empty (main turns '' into "usr").
    username: form.username,
    hostname: form.hostname.trim(),
    ip: form.ip.trim(),
    kind: form.kind,
    credential_type: form.credential_type.trim() === '' ? DEFAULT_CREDENTIAL_TYPE : form.credential_type.trim(),
    domain: orNull(form.domain),
    tags: orNull(form.tags),
    additional: orNull(form.additional),
    notes: orNull(form.notes),
    status: form.status,
    parent_password: form.parent_password.trim() === '' ? null : form.parent_password.trim(),
    needs_human_interaction: form.needs_human_interaction,
  };
  if (form.identifier.trim() !== '') body['identifier'] = form.identifier.trim();
  // An empty password field on an existing credential keeps the stored secret.
  if (form.content !== '') body['content'] = form.content;
  if (existing?.execution_settings || !isDefaultExecution(form.execution)) body['execution_settings'] = executionBody(form.execution);
  const additional: Record<string, unknown> = {
    identifier: orNull(form.a2a_identifier),
    user_credential_owner: orNull(form.user_credential_owner),
    server_path: orNull(form.server_path),
    criticality: form.criticality === '' ? null : form.criticality,
  };
  if (form.secret_key !== '') additional['secret_key'] = form.secret_key;
  if (form.auth_fields_edited) additional['additional_authentication_fields'] = form.auth_fields.filter((f) => f.name.trim() !== '' || f.short_name.trim() !== '');
  if (existing !== undefined || Object.values(additional).some((v) => v !== null)) body['additional_settings'] = additional;
  return body;
}
