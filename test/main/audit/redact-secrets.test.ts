import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../main/audit/canonical-json';
import { isSecretKey, redactSecrets } from '../../../main/audit/redact-secrets';

describe('redactSecrets', () => {
  it('recognises secret keys in any casing style', () => {
    for (const key of ['password', 'newPassword', 'old_password', 'PASSPHRASE', 'secret', 'clientSecret', 'content', 'private_key', 'privateKey', 'private-key-pem', 'pin', 'PIN', 'totp', 'totpSeed', 'candidate_secret']) {
      expect(isSecretKey(key), key).toBe(true);
    }
    for (const key of ['username', 'hostname', 'port', 'shipping', 'mapping', 'spinner', 'role', 'publicKey']) {
      expect(isSecretKey(key), key).toBe(false);
    }
  });

  it('redacts nested objects and arrays, keeping nulls and structure', () => {
    expect(
      redactSecrets({ list: [{ pin: '1234', label: 'x' }], secret: { deep: 1 }, password: null, n: 3 }),
    ).toEqual({ list: [{ pin: '[redacted]', label: 'x' }], secret: '[redacted]', password: null, n: 3 });
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and rejects non-finite numbers', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"x":0,"y":1}]},"b":1}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/finite number/);
  });
});
