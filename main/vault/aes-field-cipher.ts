import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { encodeFieldLocation } from './field-aad';
import type { FieldCipher, FieldLocation } from './field-cipher';
import { FieldCipherError } from './field-cipher-error';

/** Format: version(1) | nonce(12) | tag(16) | ciphertext. */
export const FIELD_FORMAT_VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + NONCE_BYTES + TAG_BYTES;

export interface DisposableFieldCipher extends FieldCipher {
  /** Zeroes the key copy; later seal/open calls throw. */
  dispose(): void;
}

/**
 * AES-256-GCM over single column values. Keeps its own copy of the key so that its lifetime is
 * explicit: after dispose() it refuses to work rather than sealing under a zeroed key.
 */
export function createAesFieldCipher(fieldKey: Buffer): DisposableFieldCipher {
  if (fieldKey.length !== 32) {
    throw new Error(`The field key must be 32 bytes, got ${fieldKey.length}.`);
  }
  const key = Buffer.from(fieldKey);
  let disposed = false;

  const assertUsable = (at: FieldLocation): void => {
    if (disposed) throw new FieldCipherError('disposed', 'The vault is locked: unlock it before reading or writing secrets.');
    if (at.table === '' || at.column === '' || at.rowId === '') {
      throw new FieldCipherError('bad-location', 'A sealed field needs a table, a column and a row id; one of them is empty.');
    }
  };

  return {
    seal(plaintext, at) {
      assertUsable(at);
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
      cipher.setAAD(encodeFieldLocation(at));
      const clear = Buffer.from(plaintext, 'utf8');
      try {
        const body = Buffer.concat([cipher.update(clear), cipher.final()]);
        return Buffer.concat([Buffer.from([FIELD_FORMAT_VERSION]), nonce, cipher.getAuthTag(), body]);
      } finally {
        clear.fill(0);
      }
    },

    open(sealed, at) {
      assertUsable(at);
      const where = `${at.table}.${at.column} of row ${at.rowId}`;
      if (sealed.length < HEADER_BYTES) {
        throw new FieldCipherError('malformed', `The sealed value in ${where} is truncated (${sealed.length} bytes); it cannot be opened.`);
      }
      if (sealed[0] !== FIELD_FORMAT_VERSION) {
        throw new FieldCipherError(
          'unsupported-version',
          `The sealed value in ${where} has format version ${String(sealed[0])}; this pamdesk reads version ${FIELD_FORMAT_VERSION}. Update pamdesk.`,
        );
      }
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 1 + NONCE_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAAD(encodeFieldLocation(at));
      decipher.setAuthTag(sealed.subarray(1 + NONCE_BYTES, HEADER_BYTES));
      const head = decipher.update(sealed.subarray(HEADER_BYTES));
      let tail: Buffer;
      try {
        tail = decipher.final();
      } catch {
        head.fill(0);
        throw new FieldCipherError(
          'auth-failed',
          `The sealed value in ${where} failed authentication: it was altered, copied from another row or column, or sealed under another vault's key. Nothing was revealed.`,
        );
      }
      const clear = Buffer.concat([head, tail]);
      head.fill(0);
      try {
        return clear.toString('utf8');
      } finally {
        clear.fill(0);
      }
    },

    dispose() {
      disposed = true;
      key.fill(0);
    },
  };
}
