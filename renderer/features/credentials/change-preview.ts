import type { CredentialView } from '../../../shared/domain/credential-view';

export interface FieldChange {
  readonly field: string;
  readonly from: string;
  readonly to: string;
}

const shown = (value: unknown): string => (value === null || value === undefined || value === '' ? '(none)' : typeof value === 'string' ? value : JSON.stringify(value));

const LABELS: Readonly<Record<string, string>> = {
  identifier: 'Identifier',
  username: 'Username',
  hostname: 'Hostname',
  ip: 'IP',
  tags: 'Tags',
  credential_type: 'Credential type',
  domain: 'Domain',
  notes: 'Notes',
  status: 'Status',
  additional: 'Additional information',
};

/**
 * The values an edit replaces, as From -> To in the editor's labels: the fields a save would
 * overwrite (tags, username, execution settings...), so nothing is replaced without being seen.
 * Secrets never appear: a typed password only says that it will be replaced.
 */
export function credentialChanges(existing: CredentialView, body: Readonly<Record<string, unknown>>): readonly FieldChange[] {
  const changes: FieldChange[] = [];
  const stored: Readonly<Record<string, unknown>> = { ...existing, tags: existing.tags.join(',') };
  for (const [key, label] of Object.entries(LABELS)) {
    if (!(key in body)) continue;
    const from = shown(stored[key]);
    const to = shown(body[key]);
    if (from !== to) changes.push({ field: label, from, to });
  }
  if ('content' in body) changes.push({ field: 'Password / secret', from: '(stored secret)', to: '(the one typed: replaces it)' });
  const sent = body['execution_settings'];
  if (typeof sent === 'object' && sent !== null) {
    const before = (existing.execution_settings ?? {}) as Readonly<Record<string, unknown>>;
    for (const [key, value] of Object.entries(sent as Record<string, unknown>)) {
      // Absent on the stored side reads like the form's default (off / empty).
      const from = shown(before[key] ?? (typeof value === 'boolean' ? (key === 'use_own_credential_to_connect' ? true : false) : null));
      const to = shown(value);
      if (from !== to) changes.push({ field: `Execution: ${key.replaceAll('_', ' ')}`, from, to });
    }
  }
  return changes;
}
