import { sign, verify, createPublicKey } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KDF_PARAMS } from '../../../../main/vault/keys/kdf-params';
import { keyFilePath, readKeyFile } from '../../../../main/vault/keys/key-file';
import { ensureSigningKey } from '../../../../main/vault/keys/signing-key';
import type { UnlockedVaultKeys } from '../../../../main/vault/keys/unlocked-vault-keys';
import { changePassphrase, createVaultKeys, unlockVaultKeys } from '../../../../main/vault/keys/vault-keys';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

async function signingKeyOf(keys: UnlockedVaultKeys) {
  const kek = keys.deviceKey();
  try {
    return await ensureSigningKey(keys.dataDir, keys.vaultId, keys.username, kek);
  } finally {
    kek.fill(0);
  }
}

describe("a key slot's audit-signing key", () => {
  it('is created once at first unlock, public key in the key file, private key only sealed', async () => {
    const dir = tempDir();
    const keys = await createVaultKeys(dir, 'alice', 'pass one');
    const first = await signingKeyOf(keys);
    expect(first.created).toBe(true);
    const slot = (await readKeyFile(dir)).slots[0];
    expect(slot?.signingKey?.publicKey).toBe(first.publicKey);
    const text = await readFile(keyFilePath(dir), 'utf8');
    expect(text).not.toContain(first.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'));
    const again = await signingKeyOf(await unlockVaultKeys(dir, 'alice', 'pass one'));
    expect(again).toMatchObject({ created: false, publicKey: first.publicKey });
    // The opened key is the same key: it signs what the recorded public key verifies.
    const signature = sign(null, Buffer.from('x'), again.privateKey);
    expect(verify(null, Buffer.from('x'), createPublicKey({ key: Buffer.from(first.publicKey, 'base64'), format: 'der', type: 'spki' }), signature)).toBe(true);
  });

  it('survives a passphrase change and a re-seal with stronger parameters (the same key pair, sealed again)', async () => {
    const dir = tempDir();
    const older = { ...DEFAULT_KDF_PARAMS, parallelism: 1 };
    const original = await signingKeyOf(await createVaultKeys(dir, 'alice', 'pass one', { kdfParams: older }));
    await changePassphrase(dir, 'alice', 'pass one', 'pass two', { kdfParams: older });
    const afterChange = await signingKeyOf(await unlockVaultKeys(dir, 'alice', 'pass two', { kdfParams: older }));
    expect(afterChange).toMatchObject({ created: false, publicKey: original.publicKey });
    // This unlock raises the KDF cost, which re-seals the slot under a new key-encryption key.
    const resealed = await unlockVaultKeys(dir, 'alice', 'pass two');
    expect((await readKeyFile(dir)).slots[0]?.kdf).toEqual(DEFAULT_KDF_PARAMS);
    expect(await signingKeyOf(resealed)).toMatchObject({ created: false, publicKey: original.publicKey });
  });

  it('refuses a slot whose recorded public key was replaced, saying what to do', async () => {
    const dir = tempDir();
    const keys = await createVaultKeys(dir, 'alice', 'pass one');
    await signingKeyOf(keys);
    const other = await signingKeyOf(await createVaultKeys(tempDir(), 'mallory', 'pass'));
    const file = JSON.parse(await readFile(keyFilePath(dir), 'utf8')) as { slots: { signingKey: { publicKey: string } }[] };
    const [slot] = file.slots;
    if (!slot) throw new Error('one slot expected');
    slot.signingKey.publicKey = other.publicKey;
    await writeFile(keyFilePath(dir), JSON.stringify(file), 'utf8');
    await expect(signingKeyOf(await unlockVaultKeys(dir, 'alice', 'pass one'))).rejects.toMatchObject({ code: 'corrupt-key-file', message: expect.stringMatching(/does not open: the key file was altered.*pamdesk audit verify/) });
  });
});
