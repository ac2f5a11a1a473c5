import { randomBytes, randomUUID } from 'node:crypto';
import { access } from 'node:fs/promises';
import { deriveKek } from './derive-kek';
import { delayAfterFailures, remainingWaitMs } from './failure-backoff';
import { isWeakerThan } from './kdf-params';
import { keyFilePath, KEY_FILE_FORMAT, readKeyFile, writeKeyFile } from './key-file';
import type { KeyFile, KeySlot } from './key-file';
import { withKeyFileLock } from './key-file-lock';
import { deriveSlotKek, openSlotGenerations, resealSlot, sealSlot } from './key-slot';
import { newKeyGeneration, zeroGeneration, type KeyGeneration } from './key-generation';
import { newSlotBox, sealEnvelope } from './generation-envelope';
import { slotIdFor } from './slot-id';
import { assertUsableCredentials, UnlockedVaultKeys } from './unlocked-vault-keys';
import { VaultKeyError } from './vault-key-error';
import { resolveOptions } from './vault-key-options';
import type { ResolvedVaultKeyOptions, VaultKeyOptions } from './vault-key-options';

/** The first generation of a new vault: generation 0 is reserved for format-1 vaults. */
const FIRST_GENERATION = 1;

/** Creates a new key file with one slot for `firstUser` (an administrator: it holds the secrets key). Refuses to overwrite an existing vault. */
export async function createVaultKeys(
  dataDir: string,
  firstUser: string,
  passphrase: string,
  options?: VaultKeyOptions,
): Promise<UnlockedVaultKeys> {
  const resolved = resolveOptions(options);
  assertUsableCredentials(firstUser, passphrase);
  return withKeyFileLock(dataDir, async () => {
    if (await exists(keyFilePath(dataDir))) {
      throw new VaultKeyError('vault-exists', `A vault already exists in ${dataDir}; open it instead, or choose an empty data directory.`);
    }
    const vaultId = randomUUID();
    const keys = newKeyGeneration(FIRST_GENERATION);
    const { slot, kek } = await sealSlot(vaultId, slotIdFor(vaultId, firstUser), passphrase, keys, resolved.kdfParams);
    const file: KeyFile = { format: KEY_FILE_FORMAT, vaultId, slots: [slot] };
    await writeKeyFile(dataDir, file);
    return new UnlockedVaultKeys(dataDir, vaultId, firstUser, [keys], kek, resolved);
  });
}

/**
 * Opens the vault keys with a user's passphrase. Failures are counted in the slot (so restarting
 * does not reset them) and, after a few free attempts, refused without trying until the wait in
 * `VaultKeyError.retryAfterMs` has passed. Nothing sleeps: the caller shows the wait.
 */
export async function unlockVaultKeys(
  dataDir: string,
  username: string,
  passphrase: string,
  options?: VaultKeyOptions,
): Promise<UnlockedVaultKeys> {
  const resolved = resolveOptions(options);
  return withKeyFileLock(dataDir, async () => {
    const file = await readKeyFile(dataDir);
    const { generations, kek, slot } = await openSlotWithPassphrase(dataDir, file, username, passphrase, resolved);
    let deviceKey = kek;
    if (isWeakerThan(slot.kdf, resolved.kdfParams)) {
      // Raise the cost now that we hold the passphrase.
      const resealed = await resealSlot(file.vaultId, slot, kek, passphrase, resolved.kdfParams);
      kek.fill(0);
      deviceKey = resealed.kek;
      await writeKeyFile(dataDir, replaceSlot(file, resealed.slot));
    } else if (slot.wrappedMasterKey !== undefined) {
      await writeKeyFile(dataDir, replaceSlot(file, boxLegacySlot(file.vaultId, slot, kek, generations)));
    } else if (slot.failedAttempts !== 0 || slot.lastFailureAt !== null) {
      await writeKeyFile(dataDir, replaceSlot(file, { ...slot, failedAttempts: 0, lastFailureAt: null }));
    }
    return new UnlockedVaultKeys(dataDir, file.vaultId, username, generations, deviceKey, resolved);
  });
}

/**
 * Opens the vault keys with a key-encryption key remembered in the OS keychain. Not throttled:
 * the KEK is a 256-bit key, not a guessable passphrase.
 */
export async function unlockVaultKeysWithKek(
  dataDir: string,
  username: string,
  kek: Buffer,
  options?: VaultKeyOptions,
): Promise<UnlockedVaultKeys> {
  const resolved = resolveOptions(options);
  const file = await readKeyFile(dataDir);
  const slot = findSlot(file, username);
  const generations = slot === undefined ? null : openSlotGenerations(file.vaultId, slot, kek);
  if (generations === null) {
    throw new VaultKeyError(
      'stale-device-key',
      'The key remembered on this device no longer opens the vault (the passphrase was changed or the user removed): unlock with the passphrase and remember the device again.',
    );
  }
  return new UnlockedVaultKeys(dataDir, file.vaultId, username, generations, Buffer.from(kek), resolved);
}

/**
 * Re-seals only this user's slot under a new passphrase (fresh salt, current parameters). Other
 * users' slots are untouched; a key remembered on a device for this user stops working.
 */
export async function changePassphrase(
  dataDir: string,
  username: string,
  oldPassphrase: string,
  newPassphrase: string,
  options?: VaultKeyOptions,
): Promise<void> {
  const resolved = resolveOptions(options);
  assertUsableCredentials(username, newPassphrase);
  await withKeyFileLock(dataDir, async () => {
    const file = await readKeyFile(dataDir);
    const { generations, kek, slot } = await openSlotWithPassphrase(dataDir, file, username, oldPassphrase, resolved);
    try {
      const resealed = await resealSlot(file.vaultId, slot, kek, newPassphrase, resolved.kdfParams);
      resealed.kek.fill(0);
      await writeKeyFile(dataDir, replaceSlot(file, resealed.slot));
    } finally {
      kek.fill(0);
      generations.forEach(zeroGeneration);
    }
  });
}

interface OpenedSlot {
  readonly generations: KeyGeneration[];
  readonly kek: Buffer;
  readonly slot: KeySlot;
}

/** Must run under the key-file lock: it records failures in the file. */
async function openSlotWithPassphrase(
  dataDir: string,
  file: KeyFile,
  username: string,
  passphrase: string,
  options: ResolvedVaultKeyOptions,
): Promise<OpenedSlot> {
  const slot = findSlot(file, username);
  if (slot === undefined) {
    // Spend the same Argon2 time as a real attempt so that response time does not reveal
    // whether the username has a slot.
    (await deriveKek(passphrase, randomBytes(16), options.kdfParams)).fill(0);
    throw badCredentials(0);
  }
  const now = options.clock();
  const wait = remainingWaitMs(slot, now);
  if (wait > 0) {
    throw new VaultKeyError(
      'throttled',
      `Too many wrong passphrases for this user: wait ${Math.ceil(wait / 1000)} s before trying again.`,
      wait,
    );
  }
  const kek = await deriveSlotKek(slot, passphrase);
  const generations = openSlotGenerations(file.vaultId, slot, kek);
  if (generations === null) {
    kek.fill(0);
    const failedAttempts = slot.failedAttempts + 1;
    await writeKeyFile(dataDir, replaceSlot(file, { ...slot, failedAttempts, lastFailureAt: now }));
    throw badCredentials(delayAfterFailures(failedAttempts));
  }
  return { generations, kek, slot };
}

/**
 * Format 1 to 2, one slot at a time, at its own user's unlock (only they hold its KEK): the slot
 * gets a box holding generation 0 (the same master key), so a later rotation can seal the next
 * generation to it without the passphrase. Nothing else changes: the vault still opens the same.
 */
function boxLegacySlot(vaultId: string, slot: KeySlot, kek: Buffer, generations: readonly KeyGeneration[]): KeySlot {
  const box = newSlotBox(vaultId, slot.slotId, kek);
  const { wrappedMasterKey: _legacy, ...rest } = slot;
  return { ...rest, failedAttempts: 0, lastFailureAt: null, ...box, envelopes: generations.map((keys) => sealEnvelope(vaultId, slot.slotId, box.boxPublicKey, keys)) };
}

function badCredentials(retryAfterMs: number): VaultKeyError {
  const wait = retryAfterMs > 0 ? ` Wait ${Math.ceil(retryAfterMs / 1000)} s before the next attempt.` : '';
  return new VaultKeyError('bad-credentials', `The username or passphrase is wrong: check both and try again.${wait}`, retryAfterMs);
}

function findSlot(file: KeyFile, username: string): KeySlot | undefined {
  const slotId = slotIdFor(file.vaultId, username);
  return file.slots.find((slot) => slot.slotId === slotId);
}

function replaceSlot(file: KeyFile, slot: KeySlot): KeyFile {
  return { ...file, format: KEY_FILE_FORMAT, slots: file.slots.map((existing) => (existing.slotId === slot.slotId ? slot : existing)) };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
