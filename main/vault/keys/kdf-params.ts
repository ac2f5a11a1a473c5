/**
 * Argon2id cost parameters, stored in each key slot so that they can be raised later without
 * locking anyone out: a slot keeps the parameters it was sealed with, and is re-sealed with the
 * current defaults the next time its user unlocks with a passphrase.
 */
export interface KdfParams {
  readonly algorithm: 'argon2id';
  /** Memory in KiB. */
  readonly memoryKiB: number;
  readonly passes: number;
  readonly parallelism: number;
}

/** Floor below which no slot is ever created or accepted (64 MiB, 3 passes). */
export const MIN_KDF_MEMORY_KIB = 64 * 1024;
export const MIN_KDF_PASSES = 3;

/** RFC 9106 second recommended option: 64 MiB, 3 passes, 4 lanes. */
export const DEFAULT_KDF_PARAMS: KdfParams = Object.freeze({
  algorithm: 'argon2id',
  memoryKiB: 64 * 1024,
  passes: 3,
  parallelism: 4,
});

export function assertKdfParams(params: KdfParams): void {
  if (params.algorithm !== 'argon2id') {
    throw new Error(`Unsupported key derivation "${String(params.algorithm)}": only argon2id is supported.`);
  }
  const intsOk = [params.memoryKiB, params.passes, params.parallelism].every(
    (n) => Number.isSafeInteger(n) && n > 0,
  );
  if (!intsOk || params.parallelism > 255) {
    throw new Error('Argon2id parameters must be positive integers (parallelism at most 255).');
  }
  if (params.memoryKiB < MIN_KDF_MEMORY_KIB || params.passes < MIN_KDF_PASSES) {
    throw new Error(
      `Argon2id parameters ${params.memoryKiB} KiB / ${params.passes} passes are below the minimum ` +
        `${MIN_KDF_MEMORY_KIB} KiB / ${MIN_KDF_PASSES} passes; use stronger parameters.`,
    );
  }
}

/** True when a slot sealed with `current` should be re-sealed with `target`. */
export function isWeakerThan(current: KdfParams, target: KdfParams): boolean {
  return (
    current.memoryKiB < target.memoryKiB ||
    current.passes < target.passes ||
    current.parallelism < target.parallelism
  );
}
