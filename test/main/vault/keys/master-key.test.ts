import { describe, expect, it } from 'vitest';
import { deriveDatabaseKey, deriveFieldKey, generateMasterKey } from '../../../../main/vault/keys/master-key';

describe('master key', () => {
  it('derives distinct, deterministic 256-bit subkeys', () => {
    const master = generateMasterKey();
    expect(master).toHaveLength(32);
    expect(deriveDatabaseKey(master).equals(deriveDatabaseKey(master))).toBe(true);
    expect(deriveDatabaseKey(master).equals(deriveFieldKey(master))).toBe(false);
    expect(deriveDatabaseKey(master).equals(master)).toBe(false);
    expect(deriveFieldKey(generateMasterKey()).equals(deriveFieldKey(master))).toBe(false);
  });

  it('rejects a master key of the wrong size', () => {
    expect(() => deriveDatabaseKey(Buffer.alloc(16))).toThrow(/must be 32 bytes/);
  });
});
