export type KeyStoreAvailability =
  | { readonly available: true }
  | { readonly available: false; readonly reason: string };

/**
 * The OS keychain seam, for "remember on this device". Implementations must refuse (throw
 * KeyStoreError) when no real keychain answers: there is no plaintext fallback, ever.
 */
export interface KeyStore {
  isAvailable(): Promise<KeyStoreAvailability>;
  set(account: string, secret: Buffer): Promise<void>;
  /** The stored secret, or null when there is none for this account. */
  get(account: string): Promise<Buffer | null>;
  /** True when an entry existed and was removed. */
  delete(account: string): Promise<boolean>;
}

export type KeyStoreErrorCode = 'unavailable' | 'timeout' | 'corrupt-entry';

export class KeyStoreError extends Error {
  override readonly name = 'KeyStoreError';

  constructor(
    readonly code: KeyStoreErrorCode,
    message: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
  }
}
