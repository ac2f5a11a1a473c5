import type { Clock } from './clock';
import { systemClock } from './clock';
import { DEFAULT_KDF_PARAMS } from './kdf-params';
import type { KdfParams } from './kdf-params';

export interface VaultKeyOptions {
  /** Parameters for new or re-sealed slots; never below 64 MiB / 3 passes. */
  readonly kdfParams?: KdfParams;
  readonly clock?: Clock;
}

export interface ResolvedVaultKeyOptions {
  readonly kdfParams: KdfParams;
  readonly clock: Clock;
}

export function resolveOptions(options: VaultKeyOptions = {}): ResolvedVaultKeyOptions {
  return { kdfParams: options.kdfParams ?? DEFAULT_KDF_PARAMS, clock: options.clock ?? systemClock };
}
