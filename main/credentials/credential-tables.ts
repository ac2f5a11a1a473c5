import type { ColumnType, Generated } from 'kysely';
import type { CredentialKind, CredentialStatus, InSyncState } from '../../shared/domain/credential-kind';
import type { Criticality } from '../../shared/domain/credential-settings';
import type { DeviceShell } from '../../shared/domain/device-shell';
import type { SecretReplacementReason } from '../../shared/domain/secret-history';
import type { TemplatesTables } from '../templates/template-tables';

/**
 * Kysely table types for migration 0002. The vault's Database type merges CredentialsTables; the
 * services here take Kysely<CredentialsTables> so they depend on their own tables only.
 * Timestamps are ISO-8601 UTC strings (sortable as text). Sealed columns are FieldCipher output.
 */
export interface DomainsTable {
  readonly id: Generated<number>;
  readonly name: string;
  readonly description: string | null;
  readonly created_at: string;
}

/** device_types, device_vendors, device_models, device_sites: "a new type is created if the value is unique". */
export interface DeviceLookupTable {
  readonly id: Generated<number>;
  readonly name: string;
}

export interface DevicesTable {
  readonly id: Generated<number>;
  readonly hostname: string;
  readonly ip: string;
  readonly type_id: number | null;
  readonly vendor_id: number | null;
  readonly model_id: number | null;
  readonly site_id: number | null;
  /** Normalised comma list (see parseTagList). */
  readonly tags: string | null;
  /** Normalised "protocol:port" comma list. */
  readonly connectivities: string | null;
  readonly host_key_fingerprint: string | null;
  /** Migration 0016: the shell set by an operator; null follows the type and vendor (device-shell.ts). */
  readonly shell: ColumnType<DeviceShell | null, DeviceShell | null | undefined, DeviceShell | null>;
  readonly created_at: string;
  readonly updated_at: string;
  /** Archived (migration 0014): when and by whom; NULL = live. See main/lifecycle/archived.ts. */
  readonly archived_at: ColumnType<string | null, string | null | undefined, string | null>;
  readonly archived_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface DeviceDomainsTable {
  readonly device_id: number;
  readonly domain_id: number;
}

export interface CredentialsTable {
  readonly id: Generated<number>;
  readonly identifier: string;
  readonly kind: CredentialKind;
  readonly username: string;
  readonly device_id: number;
  /** Sealed password, PIN or SSH private key (by kind); AAD column "content". */
  readonly content: Buffer | null;
  readonly public_key: string | null;
  readonly key_type: string | null;
  readonly additional: string | null;
  readonly tags: string | null;
  readonly credential_type: string;
  readonly domain: string | null;
  readonly parent_credential_id: number | null;
  readonly session_remote_config: string | null;
  /** JSON of ExecutionSettings. */
  readonly execution_settings: string | null;
  /** Derived from execution_settings by SQLite (generated column) for the grid's filter and sort. */
  readonly automatic_change: ColumnType<number, never, never>;
  /** JSON of SessionSettings. */
  readonly session_settings: string | null;
  /** JSON of JitSettings. */
  readonly jit_settings: string | null;
  /** additional_settings.identifier (an A2A identifier). */
  readonly a2a_identifier: string | null;
  readonly owner: string | null;
  readonly server_path: string | null;
  /** Sealed TOTP seed; AAD column "totp_secret". */
  readonly totp_secret: Buffer | null;
  readonly criticality: Criticality | null;
  /** JSON [{name, short_name}]; the values are in additional_auth_values. */
  readonly additional_auth_fields: string | null;
  /** Sealed JSON string[] aligned with additional_auth_fields; AAD column "additional_auth_values". */
  readonly additional_auth_values: Buffer | null;
  readonly notes: string | null;
  readonly status: CredentialStatus;
  readonly expires_at: string | null;
  readonly in_sync: InSyncState;
  readonly last_verified_at: string | null;
  readonly last_changed_at: string | null;
  readonly next_change_at: string | null;
  /** Bumped by every write; rotation promotes a candidate only under compare-and-swap on it. */
  readonly version: number;
  /** Reveals counted as views (migration 0003). */
  readonly view_count: ColumnType<number, number | undefined, number>;
  readonly last_viewed_at: string | null;
  /** Explicitly assigned password policy (migration 0004); criteria-based ones are resolved. */
  readonly policy_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** Seed 000: automatic changes start only after a first change requested by hand (migration 0005). */
  readonly first_manual_change_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** A manual request resets the trigger counters: expiration is counted from here. */
  readonly trigger_counters_reset_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** MFA or a human step is needed: never changed automatically. */
  readonly needs_human_interaction: ColumnType<number, number | undefined, number>;
  /** The templates execution_settings names, by id (migration 0010): a rename keeps them. */
  readonly change_template_id: ColumnType<number | null, number | null | undefined, number | null>;
  readonly reconciliation_template_id: ColumnType<number | null, number | null | undefined, number | null>;
  readonly created_at: string;
  readonly updated_at: string;
  /** Archived (migration 0014): when and by whom; NULL = live. See main/lifecycle/archived.ts. */
  readonly archived_at: ColumnType<string | null, string | null | undefined, string | null>;
  readonly archived_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CredentialTagsTable {
  readonly credential_id: number;
  readonly tag: string;
}

/** Migration 0015: replaced secrets. `secret` is sealed (see main/credentials/secret-history.ts). */
export interface CredentialSecretHistoryTable {
  readonly id: Generated<number>;
  readonly credential_id: number;
  readonly secret: Buffer;
  readonly replaced_at: string;
  readonly reason: SecretReplacementReason;
  readonly operation_code: string | null;
  readonly replaced_by: string;
}

/** FTS5 index over the grid's text columns, rowid = credentials.id, kept in sync by triggers. */
export interface CredentialsFtsTable {
  readonly rowid: number;
  readonly identifier: string;
  readonly username: string;
  readonly hostname: string;
  readonly ip: string;
  readonly tags: string | null;
  readonly domain: string | null;
  readonly device_type: string | null;
  readonly device_vendor: string | null;
  readonly device_model: string | null;
  /** The table-named column FTS5 uses as the MATCH target. */
  readonly credentials_fts: string;
}

/** The TLS certificate a device must present for one protocol (migration 0018). */
export interface DeviceCertificatePinsTable {
  readonly device_id: number;
  /** The executor's name in upper case ("LDAP"). */
  readonly protocol: string;
  readonly fingerprint: string;
  readonly pinned_at: string;
}

/** Live credentials per filter-menu value, kept by migration 0020's triggers. */
export interface CredentialFacetCountsTable {
  readonly facet: 'type' | 'domain' | 'status' | 'in_sync' | 'automatic_change' | 'tag' | 'device_type';
  /** The column's value; for 'device_type', the device type's id. */
  readonly value: string | number;
  readonly count: number;
}

export interface CredentialsTables {
  readonly domains: DomainsTable;
  readonly device_types: DeviceLookupTable;
  readonly device_vendors: DeviceLookupTable;
  readonly device_models: DeviceLookupTable;
  readonly device_sites: DeviceLookupTable;
  readonly devices: DevicesTable;
  readonly device_domains: DeviceDomainsTable;
  readonly device_certificate_pins: DeviceCertificatePinsTable;
  readonly credentials: CredentialsTable;
  readonly credential_tags: CredentialTagsTable;
  readonly credential_secret_history: CredentialSecretHistoryTable;
  readonly credentials_fts: CredentialsFtsTable;
  readonly credential_facet_counts: CredentialFacetCountsTable;
  /** Read to check the templates execution settings name (they must exist, be active and fit). */
  readonly templates: TemplatesTables['templates'];
}

export type DeviceLookupTableName = 'device_types' | 'device_vendors' | 'device_models' | 'device_sites';
