import { describe, expect, it } from 'vitest';
import { decodeBase32 } from '../../../main/templates/base32';
import { totp, totpFromKey } from '../../../main/templates/totp';

// RFC 6238 appendix B: seeds are the ASCII strings below, 8 digits, 30-second steps.
const SEEDS = {
  sha1: Buffer.from('12345678901234567890'),
  sha256: Buffer.from('12345678901234567890123456789012'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
} as const;
const VECTORS: readonly [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(VECTORS)('at %i s matches the RFC vectors for SHA-1, SHA-256 and SHA-512', (seconds, sha1, sha256, sha512) => {
    expect(totpFromKey(SEEDS.sha1, seconds * 1000, { digits: 8 })).toBe(sha1);
    expect(totpFromKey(SEEDS.sha256, seconds * 1000, { digits: 8, algorithm: 'sha256' })).toBe(sha256);
    expect(totpFromKey(SEEDS.sha512, seconds * 1000, { digits: 8, algorithm: 'sha512' })).toBe(sha512);
  });

  it('defaults to SHA-1, 30 s, 6 digits from a base32 secret (the last 6 digits of the vector)', () => {
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // base32("12345678901234567890")
    expect(decodeBase32(secret)).toEqual(SEEDS.sha1);
    for (const [seconds, sha1] of VECTORS) expect(totp(secret, seconds * 1000)).toBe(sha1.slice(2));
    expect(totp('gezd gnbv gy3t qojq gezd gnbv gy3t qojq', 59_000)).toBe('287082');
  });

  it('refuses a secret that is not base32, saying so', () => {
    expect(() => totp('not base32!', 0)).toThrow(/not a base32 character/);
  });
});
