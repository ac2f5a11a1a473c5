import { hashRaw } from '@node-rs/argon2';
import type { Algorithm } from '@node-rs/argon2';
import { assertKdfParams } from './kdf-params';
import type { KdfParams } from './kdf-params';

export const KEY_BYTES = 32;

// @node-rs/argon2 declares Algorithm as an ambient const enum, which isolatedModules cannot
// inline; 2 is its documented value for Argon2id.
const ARGON2ID = 2 as Algorithm;

/**
 * Derives a slot's key-encryption key from a passphrase. The passphrase is NFC-normalised so that
 * the same characters typed through different input methods give the same key.
 */
export async function deriveKek(passphrase: string, salt: Buffer, params: KdfParams): Promise<Buffer> {
  assertKdfParams(params);
  const secret = Buffer.from(passphrase.normalize('NFC'), 'utf8');
  try {
    return await hashRaw(secret, {
      algorithm: ARGON2ID,
      memoryCost: params.memoryKiB,
      timeCost: params.passes,
      parallelism: params.parallelism,
      outputLen: KEY_BYTES,
      salt,
    });
  } finally {
    secret.fill(0);
  }
}
