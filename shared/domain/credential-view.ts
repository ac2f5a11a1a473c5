import type { CredentialKind, CredentialStatus, InSyncState } from './credential-kind';
import type { Criticality, ExecutionSettings, JitSettings, SessionSettings } from './credential-settings';

/**
 * A credential as main shows it to anyone: every field except secrets. Secrets appear only as
 * has_* flags; their plaintext comes from revealSecret, which the caller audits.
 */
export interface CredentialAdditionalSettingsView {
  readonly identifier: string | null;
  readonly user_credential_owner: string | null;
  readonly server_path: string | null;
  readonly criticality: Criticality | null;
  /** name and short_name only; the values are sealed. */
  readonly additional_authentication_fields: readonly { readonly name: string; readonly short_name: string }[];
  readonly has_secret_key: boolean;
}

export interface CredentialView {
  readonly id: number;
  readonly identifier: string;
  readonly kind: CredentialKind;
  readonly username: string;
  readonly device_id: number;
  readonly hostname: string;
  readonly ip: string;
  readonly has_content: boolean;
  readonly public_key: string | null;
  readonly key_type: string | null;
  readonly additional: string | null;
  readonly tags: readonly string[];
  readonly credential_type: string;
  readonly domain: string | null;
  readonly parent_credential_id: number | null;
  readonly session_remote_config: string | null;
  readonly execution_settings: ExecutionSettings | null;
  readonly session_settings: SessionSettings | null;
  readonly additional_settings: CredentialAdditionalSettingsView;
  readonly notes: string | null;
  readonly jit_settings: JitSettings | null;
  /** Seed 000: MFA or another human step is needed; pamdesk never changes this credential's secret. */
  readonly needs_human_interaction: boolean;
  readonly status: CredentialStatus;
  readonly expires_at: string | null;
  readonly in_sync: InSyncState;
  readonly last_verified_at: string | null;
  readonly last_changed_at: string | null;
  readonly next_change_at: string | null;
  readonly version: number;
  readonly created_at: string;
  readonly updated_at: string;
  /** When it was archived (hidden from lists, never changed automatically), or null (migration 0014). */
  readonly archived_at?: string | null;
}
