import { stat, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KDF_PARAMS } from '../../../../main/vault/keys/kdf-params';
import { keyFilePath, readKeyFile } from '../../../../main/vault/keys/key-file';
import { slotIdFor } from '../../../../main/vault/keys/slot-id';
import { VaultKeyError } from '../../../../main/vault/keys/vault-key-error';
import {
  changePassphrase,
  createVaultKeys,
  unlockVaultKeys,
  unlockVaultKeysWithKek,
} from '../../../../main/vault/keys/vault-keys';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

async function rejection(promise: Promise<unknown>): Promise<VaultKeyError> {
  const error: unknown = await promise.then(
    () => {
      throw new Error('expected a VaultKeyError, but the call succeeded');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(VaultKeyError);
  return error as VaultKeyError;
}

describe('vault keys', () => {
  it('creates a vault whose passphrase unlocks the same master-derived keys', async () => {
    const dir = tempDir();
    const created = await createVaultKeys(dir, 'Alice', 'correct horse battery staple');
    const unlocked = await unlockVaultKeys(dir, 'alice', 'correct horse battery staple');
    expect(unlocked.vaultId).toBe(created.vaultId);
    expect(unlocked.databaseKey().equals(created.databaseKey())).toBe(true);
    expect(unlocked.secretsFieldKey()?.equals(created.secretsFieldKey() ?? Buffer.alloc(0))).toBe(true);
    expect(unlocked.databaseKey().equals(unlocked.secretsFieldKey() ?? Buffer.alloc(0))).toBe(false);
    expect(unlocked.metadataFieldKey().equals(unlocked.secretsFieldKey() ?? Buffer.alloc(0))).toBe(false);
    expect(unlocked.databaseKey()).toHaveLength(32);
  });

  it('writes a 0600 key file that lists no username and records the KDF parameters', async () => {
    const dir = tempDir();
    const keys = await createVaultKeys(dir, 'alice.operator', 'pass-1');
    expect((await stat(keyFilePath(dir))).mode & 0o777).toBe(0o600);
    const text = await readFile(keyFilePath(dir), 'utf8');
    expect(text.toLowerCase()).not.toContain('alice');
    const file = await readKeyFile(dir);
    expect(file.vaultId).toBe(keys.vaultId);
    expect(file.slots).toHaveLength(1);
    expect(file.slots[0]?.slotId).toBe(slotIdFor(keys.vaultId, 'ALICE.OPERATOR'));
    expect(file.slots[0]?.kdf).toEqual(DEFAULT_KDF_PARAMS);
    expect(file.slots[0]?.kdf.memoryKiB).toBeGreaterThanOrEqual(64 * 1024);
    expect(file.slots[0]?.kdf.passes).toBeGreaterThanOrEqual(3);
  });

  it('refuses to create over an existing vault', async () => {
    const dir = tempDir();
    await createVaultKeys(dir, 'alice', 'pass-1');
    expect((await rejection(createVaultKeys(dir, 'bob', 'pass-2'))).code).toBe('vault-exists');
  });

  it('refuses a wrong passphrase and an unknown user with the same error', async () => {
    const dir = tempDir();
    await createVaultKeys(dir, 'alice', 'right');
    const wrong = await rejection(unlockVaultKeys(dir, 'alice', 'wrong'));
    const unknown = await rejection(unlockVaultKeys(dir, 'mallory', 'right'));
    expect(wrong.code).toBe('bad-credentials');
    expect(unknown.code).toBe('bad-credentials');
    expect(wrong.message).toMatch(/username or passphrase is wrong/);
  });

  it('throttles after three failures, persists the count, and resets it on success', async () => {
    const dir = tempDir();
    let now = 1_700_000_000_000;
    const clock = () => now;
    await createVaultKeys(dir, 'alice', 'right', { clock });

    for (const expectedWait of [0, 0, 0, 1_000]) {
      expect((await rejection(unlockVaultKeys(dir, 'alice', 'wrong', { clock }))).retryAfterMs).toBe(expectedWait);
    }
    // Even the right passphrase is not tried during the wait: the error says how long is left.
    now += 400;
    const throttled = await rejection(unlockVaultKeys(dir, 'alice', 'right', { clock }));
    expect(throttled.code).toBe('throttled');
    expect(throttled.retryAfterMs).toBe(600);
    expect(throttled.message).toMatch(/wait 1 s/);

    now += 600;
    expect((await rejection(unlockVaultKeys(dir, 'alice', 'wrong', { clock }))).retryAfterMs).toBe(2_000);
    // The count lives in the key file, so a fresh read (a restart) still sees it.
    expect((await readKeyFile(dir)).slots[0]?.failedAttempts).toBe(5);

    now += 2_000;
    await unlockVaultKeys(dir, 'alice', 'right', { clock });
    const slot = (await readKeyFile(dir)).slots[0];
    expect(slot?.failedAttempts).toBe(0);
    expect(slot?.lastFailureAt).toBeNull();
  });

  it('caps the wait at 30 seconds', async () => {
    const dir = tempDir();
    let now = 1_700_000_000_000;
    const clock = () => now;
    await createVaultKeys(dir, 'alice', 'right', { clock });
    let last = 0;
    for (let attempt = 0; attempt < 12; attempt += 1) {
      last = (await rejection(unlockVaultKeys(dir, 'alice', 'wrong', { clock }))).retryAfterMs;
      now += last;
    }
    expect(last).toBe(30_000);
  });

  it('adds slots with or without the secrets key, refusing duplicates', async () => {
    const dir = tempDir();
    const admin = await createVaultKeys(dir, 'alice', 'alice-pass');
    await admin.addSlot('Bob', 'bob-pass', true);
    await admin.addSlot('carol', 'carol-pass', false);
    expect((await rejection(admin.addSlot('bob', 'other', true))).code).toBe('slot-exists');
    const bob = await unlockVaultKeys(dir, 'bob', 'bob-pass');
    expect(bob.databaseKey().equals(admin.databaseKey())).toBe(true);
    expect(bob.secretsFieldKey()?.equals(admin.secretsFieldKey() ?? Buffer.alloc(0))).toBe(true);
    const carol = await unlockVaultKeys(dir, 'carol', 'carol-pass');
    expect(carol.databaseKey().equals(admin.databaseKey())).toBe(true);
    expect(carol.secretsFieldKey()).toBeNull();
    expect((await rejection(carol.addSlot('dave', 'dave-pass', true))).code).toBe('no-secrets-key');
  });

  it('changes one passphrase without touching other slots', async () => {
    const dir = tempDir();
    const admin = await createVaultKeys(dir, 'alice', 'alice-old');
    await admin.addSlot('bob', 'bob-pass', true);
    const before = await readKeyFile(dir);

    await changePassphrase(dir, 'alice', 'alice-old', 'alice-new');
    const after = await readKeyFile(dir);
    const aliceId = slotIdFor(admin.vaultId, 'alice');
    expect(after.slots.find((s) => s.slotId !== aliceId)).toEqual(before.slots.find((s) => s.slotId !== aliceId));
    expect(after.slots.find((s) => s.slotId === aliceId)?.salt).not.toBe(before.slots.find((s) => s.slotId === aliceId)?.salt);

    expect((await rejection(unlockVaultKeys(dir, 'alice', 'alice-old'))).code).toBe('bad-credentials');
    const reopened = await unlockVaultKeys(dir, 'alice', 'alice-new');
    expect(reopened.databaseKey().equals(admin.databaseKey())).toBe(true);
    await unlockVaultKeys(dir, 'bob', 'bob-pass');
    expect((await rejection(changePassphrase(dir, 'alice', 'not-it', 'x'))).code).toBe('bad-credentials');
  });

  it('unlocks with a remembered device key until the passphrase changes', async () => {
    const dir = tempDir();
    const keys = await createVaultKeys(dir, 'alice', 'pass-1');
    const deviceKey = keys.deviceKey();
    const viaDevice = await unlockVaultKeysWithKek(dir, 'alice', deviceKey);
    expect(viaDevice.databaseKey().equals(keys.databaseKey())).toBe(true);

    await changePassphrase(dir, 'alice', 'pass-1', 'pass-2');
    expect((await rejection(unlockVaultKeysWithKek(dir, 'alice', deviceKey))).code).toBe('stale-device-key');
    const fresh = await unlockVaultKeys(dir, 'alice', 'pass-2');
    expect((await unlockVaultKeysWithKek(dir, 'alice', fresh.deviceKey())).vaultId).toBe(keys.vaultId);
  });

  it('zeroes its key buffers when locked and refuses further use', async () => {
    const dir = tempDir();
    const keys = await createVaultKeys(dir, 'alice', 'pass-1');
    const { masterKey, secretsKey } = keys.current;
    keys.lock();
    expect(masterKey.every((byte) => byte === 0)).toBe(true);
    expect(secretsKey?.every((byte) => byte === 0)).toBe(true);
    expect(keys.isLocked).toBe(true);
    expect(() => keys.databaseKey()).toThrow(/vault is locked/);
    expect((await rejection(keys.addSlot('bob', 'x', true))).code).toBe('locked');
  });

  it('refuses KDF parameters below 64 MiB / 3 passes', async () => {
    const dir = tempDir();
    const weak = { ...DEFAULT_KDF_PARAMS, memoryKiB: 19 * 1024 };
    await expect(createVaultKeys(dir, 'alice', 'pass', { kdfParams: weak })).rejects.toThrow(/below the minimum/);
    await expect(createVaultKeys(dir, 'alice', 'pass', { kdfParams: { ...DEFAULT_KDF_PARAMS, passes: 2 } })).rejects.toThrow(/below the minimum/);
  });

  it('re-seals a slot with raised parameters on the next passphrase unlock', async () => {
    const dir = tempDir();
    const older = { ...DEFAULT_KDF_PARAMS, parallelism: 1 };
    const raised = { ...DEFAULT_KDF_PARAMS, memoryKiB: 96 * 1024, passes: 4 };
    await createVaultKeys(dir, 'alice', 'pass', { kdfParams: older });
    expect((await readKeyFile(dir)).slots[0]?.kdf).toEqual(older);
    const keys = await unlockVaultKeys(dir, 'alice', 'pass', { kdfParams: raised });
    expect((await readKeyFile(dir)).slots[0]?.kdf).toEqual(raised);
    const again = await unlockVaultKeys(dir, 'alice', 'pass', { kdfParams: raised });
    expect(again.databaseKey().equals(keys.databaseKey())).toBe(true);
    expect((await unlockVaultKeysWithKek(dir, 'alice', keys.deviceKey())).vaultId).toBe(keys.vaultId);
  });

  it('reports a missing or damaged key file clearly', async () => {
    const dir = tempDir();
    expect((await rejection(unlockVaultKeys(dir, 'alice', 'x'))).code).toBe('no-vault');
    await createVaultKeys(dir, 'alice', 'pass');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(keyFilePath(dir), '{"format":1,', 'utf8');
    const damaged = await rejection(unlockVaultKeys(dir, 'alice', 'pass'));
    expect(damaged.code).toBe('corrupt-key-file');
    expect(damaged.message).toMatch(/restore it from a backup/);
  });

  it('measures one production Argon2id derivation', async () => {
    const { deriveKek } = await import('../../../../main/vault/keys/derive-kek');
    const started = performance.now();
    const kek = await deriveKek('measure me', Buffer.alloc(16, 7), DEFAULT_KDF_PARAMS);
    const elapsed = performance.now() - started;
    console.log(`argon2id ${DEFAULT_KDF_PARAMS.memoryKiB / 1024} MiB, ${DEFAULT_KDF_PARAMS.passes} passes, p=${DEFAULT_KDF_PARAMS.parallelism}: ${elapsed.toFixed(0)} ms`);
    expect(kek).toHaveLength(32);
  });
});
