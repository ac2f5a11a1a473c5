import type { Connectivity } from './connectivity-list';

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
