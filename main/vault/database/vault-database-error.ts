export type VaultDatabaseErrorCode =
  | 'wrong-key'
  | 'no-database'
  | 'database-exists'
  | 'newer-schema'
  | 'migration-mismatch'
  | 'migration-failed';

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
