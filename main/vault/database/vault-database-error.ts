export type VaultDatabaseErrorCode =
  | 'wrong-key'
  | 'no-database'
  | 'database-exists'
  | 'newer-schema'
  | 'migration-mismatch'
  | 'migration-failed'
  /** Another process has the vault open: a key rotation must be alone (vault-presence.ts). */
  | 'in-use'
  /** Another process is rotating the keys: opening waited, then gave up. */
  | 'rotating';

export class VaultDatabaseError extends Error {
  override readonly name = 'VaultDatabaseError';

  constructor(
    readonly code: VaultDatabaseErrorCode,
    message: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
  }
}
