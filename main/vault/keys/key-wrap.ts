import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const WRAP_VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Seals `key` under `kek` with AES-256-GCM: version(1) | nonce(12) | tag(16) | ciphertext. */
export function wrapKey(kek: Buffer, key: Buffer, aad: Buffer): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', kek, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(key), cipher.final()]);
  return Buffer.concat([Buffer.from([WRAP_VERSION]), nonce, cipher.getAuthTag(), body]);
}

/**
 * Opens a wrapped key. Returns null when authentication fails (wrong KEK, or a slot copied from
 * elsewhere): for a key slot that means "wrong passphrase", which the caller reports.
 */
export function unwrapKey(kek: Buffer, wrapped: Buffer, aad: Buffer): Buffer | null {
  if (wrapped.length <= 1 + NONCE_BYTES + TAG_BYTES || wrapped[0] !== WRAP_VERSION) {
    throw new Error('A wrapped key in the key file is malformed or of an unknown version; restore the key file from a backup.');
  }
  const nonce = wrapped.subarray(1, 1 + NONCE_BYTES);
  const tag = wrapped.subarray(1 + NONCE_BYTES, 1 + NONCE_BYTES + TAG_BYTES);
  const body = wrapped.subarray(1 + NONCE_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', kek, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  const head = decipher.update(body);
  try {
    const tail = decipher.final();
    const key = Buffer.concat([head, tail]);
    return key;
  } catch {
    return null;
  } finally {
    head.fill(0);
  }
}
