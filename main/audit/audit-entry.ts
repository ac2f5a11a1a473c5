import type { JsonValue } from './json-value';

export type AuditShell = 'desktop' | 'host' | 'cli' | 'system';

/** What a caller records. Never put secrets in details: they are redacted defensively, not by design. */
export interface NewAuditEntry {
  /** A username, or 'system' for the core acting on its own. */
  readonly actor: string;
  readonly shell: AuditShell;
  /** Dotted verb, e.g. 'credential.reveal', 'user.create'. */
  readonly action: string;
  readonly objectType?: string | null;
  readonly objectId?: string | null;
  /** For changes: { before, after } without secret values. */
  readonly details?: JsonValue;
}

export interface AuditRecord {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly shell: AuditShell;
  readonly action: string;
  readonly objectType: string | null;
  readonly objectId: string | null;
  readonly details: JsonValue;
  readonly prevHash: string;
  readonly hash: string;
  /** Whose key signed it; null on a bare database without signers (unit tests, pre-0009 entries). */
  readonly signer: string | null;
}
