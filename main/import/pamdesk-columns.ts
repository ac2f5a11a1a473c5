/**
 * pamdesk's own CSV columns. The writable ones map one to one to seed 004's upsert fields (device
 * fields prefixed "device_" as the grid shows them); the export adds read-only state columns, which
 * an import accepts and ignores, so an exported file can be edited and imported back.
 * Secrets (content, totp_secret) are import-only: exports never carry them.
 */
export const PAMDESK_SECRET_COLUMNS = ['content', 'totp_secret'] as const;

/** column → the upsert body field it fills. */
export const PAMDESK_WRITABLE_COLUMNS = {
  identifier: 'identifier',
  kind: 'kind',
  username: 'username',
  hostname: 'hostname',
  ip: 'ip',
  credential_type: 'credential_type',
  domain: 'domain',
  tags: 'tags',
  additional: 'additional',
  notes: 'notes',
  status: 'status',
  expires_at: 'expires_at',
  public_key: 'public_key',
  key_type: 'key_type',
  device_type: 'type',
  device_vendor: 'vendor',
  device_model: 'model',
  device_site: 'site',
  device_tags: 'device_tags',
  connectivities: 'connectivities',
  /** Seed 000's MFA / human-interaction mark (true/false): such a credential is never changed automatically or by request. */
  needs_human_interaction: 'needs_human_interaction',
} as const;

export const PAMDESK_READ_ONLY_COLUMNS = ['id', 'automatic_change', 'in_sync', 'last_verified_at', 'last_changed_at', 'next_change_at'] as const;

export const PAMDESK_REQUIRED_COLUMNS = ['username', 'hostname', 'ip'] as const;

/** The export's header: the writable columns without secrets, then the read-only state. */
export const PAMDESK_EXPORT_COLUMNS = [...Object.keys(PAMDESK_WRITABLE_COLUMNS), ...PAMDESK_READ_ONLY_COLUMNS] as readonly string[];
