import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAesFieldCipher, FIELD_FORMAT_VERSION } from '../../../main/vault/aes-field-cipher';
import { encodeFieldLocation } from '../../../main/vault/field-aad';
import type { FieldLocation } from '../../../main/vault/field-cipher';
import { FieldCipherError } from '../../../main/vault/field-cipher-error';

const at: FieldLocation = { table: 'credentials', column: 'secret', rowId: '42' };

function failure(run: () => unknown): FieldCipherError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FieldCipherError);
    return error as FieldCipherError;
  }
  throw new Error('expected a FieldCipherError');
}

describe('AES-256-GCM field cipher', () => {
  it('round-trips text, including empty and non-ASCII, with a version byte and fresh nonces', () => {
    const cipher = createAesFieldCipher(randomBytes(32));
    for (const text of ['', 'p@ssw0rd', 'ключ 🔑 鍵', 'x'.repeat(10_000)]) {
      expect(cipher.open(cipher.seal(text, at), at)).toBe(text);
    }
    const one = cipher.seal('same', at);
    const two = cipher.seal('same', at);
    expect(one[0]).toBe(FIELD_FORMAT_VERSION);
    expect(one.subarray(1, 13).equals(two.subarray(1, 13))).toBe(false);
    expect(one.includes(Buffer.from('same'))).toBe(false);
  });

  it('refuses a value moved to another row, column or table', () => {
    const cipher = createAesFieldCipher(randomBytes(32));
    const sealed = cipher.seal('root-password', at);
    for (const elsewhere of [
      { ...at, rowId: '43' },
      { ...at, column: 'candidate' },
      { ...at, table: 'devices' },
    ]) {
      const error = failure(() => cipher.open(sealed, elsewhere));
      expect(error.code).toBe('auth-failed');
      expect(error.message).toMatch(/altered, copied from another row or column/);
    }
  });

  it('refuses tampered, truncated, foreign-key and unknown-version values', () => {
    const cipher = createAesFieldCipher(randomBytes(32));
    const sealed = cipher.seal('root-password', at);
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 1;
    expect(failure(() => cipher.open(flipped, at)).code).toBe('auth-failed');
    expect(failure(() => cipher.open(sealed.subarray(0, 20), at)).code).toBe('malformed');
    expect(failure(() => createAesFieldCipher(randomBytes(32)).open(sealed, at)).code).toBe('auth-failed');
    const future = Buffer.from(sealed);
    future[0] = 2;
    expect(failure(() => cipher.open(future, at)).code).toBe('unsupported-version');
  });

  it('encodes locations unambiguously', () => {
    const a = encodeFieldLocation({ table: 'ab', column: 'c', rowId: '1' });
    const b = encodeFieldLocation({ table: 'a', column: 'bc', rowId: '1' });
    expect(a.equals(b)).toBe(false);
  });

  it('stops working once disposed and keeps its own copy of the key', () => {
    const key = randomBytes(32);
    const cipher = createAesFieldCipher(key);
    const sealed = cipher.seal('v', at);
    key.fill(0);
    expect(cipher.open(sealed, at)).toBe('v');
    cipher.dispose();
    expect(failure(() => cipher.seal('v', at)).code).toBe('disposed');
    expect(failure(() => cipher.open(sealed, at)).code).toBe('disposed');
  });

  it('requires a complete location', () => {
    const cipher = createAesFieldCipher(randomBytes(32));
    expect(failure(() => cipher.seal('v', { ...at, rowId: '' })).code).toBe('bad-location');
  });
});
