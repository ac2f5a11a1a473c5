import type { StepKind } from '../../templates/template-ast';

/** Where to connect, and the host key the device must present (null: not trusted yet). */
export interface SshTarget {
  readonly host: string;
  readonly port: number;
  /** OpenSSH's SHA-256 fingerprint, "SHA256:" + 43 base64 characters, as pinned on the device. */
  readonly pinnedFingerprint: string | null;
  /** LDAP: the port speaks TLS from the first byte (LDAPS) although it is not 636. */
  readonly implicitTls?: boolean;
}

export type SshAuth =
  | { readonly username: string; readonly password: string }
  | { readonly username: string; readonly privateKey: string; readonly passphrase?: string };

export interface SshTimeouts {
  /** TCP connect, key exchange and authentication, together. */
  readonly connectTimeoutMs: number;
  /** How long read/expect/expect-regex wait, and how long no-expect watches. */
  readonly readTimeoutMs: number;
}

/** Segura's defaults: 5 s each (set-connect-timeout / set-read-timeout change them in a template). */
export const DEFAULT_TIMEOUTS: SshTimeouts = { connectTimeoutMs: 5_000, readTimeoutMs: 5_000 };

export type SshFailureKind =
  /** No TCP connection, no SSH handshake in time, or the handshake broke: nothing was decided. */
  | 'unreachable'
  /** The device has no pinned host key; `presentedFingerprint` is what it showed. */
  | 'host-key-untrusted'
  /** The device presented a different host key than the pinned one; no credential was sent. */
  | 'host-key-changed'
  | 'auth-failed'
  /** read / expect / expect-regex saw no match within the read timeout. */
  | 'timeout'
  /** no-expect saw its pattern. */
  | 'pattern-seen'
  | 'connection-closed'
  /** A step the executor cannot run (bad regex, SSH version 1, a pty the server refused). */
  | 'invalid-step'
  | 'aborted';

export interface SshFailure {
  readonly kind: SshFailureKind;
  /** The template line of the failed step (absent for connection-level failures). */
  readonly line?: number;
  readonly step?: StepKind;
  /** What happened and what to do; secrets masked. */
  readonly message: string;
  /** For host-key failures: the fingerprint the server presented, for the explicit trust action. */
  readonly presentedFingerprint?: string;
}

export type TranscriptEntry =
  /** A template step starting; `text` is the step as written, after rendering (masked). */
  | { readonly atMs: number; readonly kind: 'step'; readonly line: number; readonly text: string }
  | { readonly atMs: number; readonly kind: 'sent'; readonly text: string }
  /** What the device printed, ANSI escape sequences and carriage returns removed. */
  | { readonly atMs: number; readonly kind: 'received'; readonly text: string }
  /** Connection events: connected, host key, authenticated, closed. */
  | { readonly atMs: number; readonly kind: 'note'; readonly text: string };

export type Transcript = readonly TranscriptEntry[];

export type SshRunResult =
  | { readonly ok: true; readonly transcript: Transcript }
  | { readonly ok: false; readonly failure: SshFailure; readonly transcript: Transcript };

export type LoginOutcome = 'accepted' | 'rejected' | 'unreachable' | 'host-key-mismatch' | 'host-key-untrusted';
