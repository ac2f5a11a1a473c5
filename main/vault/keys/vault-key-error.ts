export type VaultKeyErrorCode =
  /** No key file in the data directory. */
  | 'no-vault'
  /** createVaultKeys found an existing vault. */
  | 'vault-exists'
  | 'corrupt-key-file'
  /** Unknown username or wrong passphrase: deliberately one code, so usernames cannot be probed. */
  | 'bad-credentials'
  /** Too many recent failures: retry after `retryAfterMs`. */
  | 'throttled'
  /** A remembered device key no longer opens the slot (passphrase changed or slot removed). */
  | 'stale-device-key'
  | 'slot-exists'
  | 'no-such-slot'
  | 'last-slot'
  | 'locked'
  /** This user's role does not hold the secrets key (approver, auditor). */
  | 'no-secrets-key'
  /** A format-1 slot that must be upgraded by its own user's sign-in first. */
  | 'legacy-slot';

export class VaultKeyError extends Error {
  override readonly name = 'VaultKeyError';

  constructor(
    readonly code: VaultKeyErrorCode,
    message: string,
    /** For 'bad-credentials' and 'throttled': how long until the next attempt is accepted. */
    readonly retryAfterMs = 0,
  ) {
    super(message);
  }
}
