import type { BulkAction, BulkField, BulkState, BulkTaskStatus, BulkValue } from '../../../shared/domain/bulk';

/** Seed 001's names for the four actions. */
export const ACTION_LABEL: Readonly<Record<BulkAction, string>> = {
  edit: 'Edit',
  enable: 'Enable',
  disable: 'Disable',
  expire: 'Expire',
};

/** What each action does, shown beside its choice and used to pick the eligible credentials. */
export const ACTION_HINT: Readonly<Record<BulkAction, string>> = {
  edit: 'Change fields of active credentials (no secrets).',
  enable: 'Activate inactive credentials.',
  disable: 'Inactivate active credentials.',
  expire: 'Set the expiry of active credentials to the approval time; those with automatic change are changed at once.',
};

const EXECUTION_LABEL: Readonly<Record<string, string>> = {
  change_plugin: 'Change plugin',
  change_template: 'Change template',
  automatic_change: 'Automatic change',
  use_own_credential_to_connect: 'Use own credential to connect',
  authentication_credential: 'Authentication credential',
  authentication_hostname: 'Authentication hostname',
  authentication_ip: 'Authentication IP',
  status: 'Reconciliation status',
  reconciliation_credential: 'Reconciliation credential',
  reconciliation_hostname: 'Reconciliation hostname',
  reconciliation_ip: 'Reconciliation IP',
  reconciliation_plugin: 'Reconciliation plugin',
  reconciliation_template: 'Reconciliation template',
};

const FIELD_LABEL: Readonly<Record<string, string>> = {
  credential_type: 'Password type',
  domain: 'Domain',
  device: 'Device',
  additional: 'Additional information',
  tags: 'Tags',
  parent_credential_id: 'Parent credential',
  needs_human_interaction: 'Needs MFA or human interaction',
  status: 'Status',
  expires_at: 'Expires',
  rotation: 'Password change',
};

export function fieldLabel(field: BulkField): string {
  if (field.startsWith('execution_settings.')) return EXECUTION_LABEL[field.slice('execution_settings.'.length)] ?? field;
  return FIELD_LABEL[field] ?? field;
}

/** A From/To value as text: "—" for none, Yes/No for flags, a device as "host (ip)". */
export function formatValue(field: BulkField, value: BulkValue): string {
  if (value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return field === 'parent_credential_id' ? `#${value}` : String(value);
  if (typeof value === 'string') {
    if (field === 'rotation') return value === 'ssh_key_rotation' ? 'SSH key rotation scheduled' : 'Password change scheduled';
    // Stored at approval as an ISO instant; shown in the reader's locale like every other time.
    if (field === 'expires_at' && !Number.isNaN(Date.parse(value))) return new Date(value).toLocaleString();
    return value;
  }
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.join(', ');
  const device = value as { readonly hostname: string; readonly ip: string };
  return `${device.hostname} (${device.ip})`;
}

export const TASK_STATUS_LABEL: Readonly<Record<BulkTaskStatus, string>> = {
  pending: 'Pending',
  success: 'Success',
  error: 'Error',
  skipped: 'Skipped',
};

/** The tone of a request state's badge (the classes the operation badges use). */
export function bulkStateTone(state: BulkState | BulkTaskStatus): 'danger' | 'success' | 'warning' | 'neutral' {
  if (state === 'Error' || state === 'error' || state === 'Rejected' || state === 'Expired') return 'danger';
  if (state === 'Success' || state === 'success') return 'success';
  if (state === 'Pending approval' || state === 'Canceled' || state === 'skipped') return 'warning';
  return 'neutral';
}
