import type { Connectivity } from './connectivity-list';
import type { DeviceShell } from './device-shell';

export interface DeviceView {
  readonly id: number;
  readonly hostname: string;
  readonly ip: string;
  readonly type: string | null;
  readonly vendor: string | null;
  readonly model: string | null;
  readonly site: string | null;
  readonly domains: readonly string[];
  readonly tags: readonly string[];
  readonly connectivities: readonly Connectivity[];
  readonly host_key_fingerprint: string | null;
  /** The TLS certificate pinned per protocol in upper case ({ LDAP: "SHA256:..." }); fingerprints are public (migration 0018). */
  readonly certificate_pins: Readonly<Record<string, string>>;
  /** Set on the device, or null: then `effective_shell` follows its type and vendor. */
  readonly shell: DeviceShell | null;
  /** What reads the lines its SSH and Telnet templates send (see shared/domain/device-shell.ts). */
  readonly effective_shell: DeviceShell;
  readonly created_at: string;
  readonly updated_at: string;
  /** When it was archived (hidden from lists and pickers), or null (migration 0014). */
  readonly archived_at?: string | null;
}

export interface DomainView {
  readonly id: number;
  readonly name: string;
  readonly description: string | null;
  readonly created_at: string;
}
