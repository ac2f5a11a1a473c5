import { deriveDatabaseKey, deriveFieldKey } from './master-key';
import { readKeyFile, writeKeyFile } from './key-file';
import { withKeyFileLock } from './key-file-lock';
import { sealSlot } from './key-slot';
import { normalizeUsername, slotIdFor } from './slot-id';
import { VaultKeyError } from './vault-key-error';
import type { ResolvedVaultKeyOptions } from './vault-key-options';

/**
 * The keys of an open vault. Owns its buffers: lock() zeroes them, after which every accessor
 * throws, so a stale reference cannot quietly use an all-zero key.
 */
export class UnlockedVaultKeys {
  #masterKey: Buffer;
  #databaseKey: Buffer;
  #fieldKey: Buffer;
  #deviceKey: Buffer;
  #locked = false;

  constructor(
    readonly dataDir: string,
    readonly vaultId: string,
    /** The username as typed at unlock (the key file itself does not store usernames). */
    readonly username: string,
    masterKey: Buffer,
    deviceKey: Buffer,
    private readonly options: ResolvedVaultKeyOptions,
  ) {
    this.#masterKey = masterKey;
    this.#databaseKey = deriveDatabaseKey(masterKey);
    this.#fieldKey = deriveFieldKey(masterKey);
    this.#deviceKey = deviceKey;
  }

  get isLocked(): boolean {
    return this.#locked;
  }

  /** The raw SQLCipher key. Owned by this object: do not keep it past lock(). */
  get databaseKey(): Buffer {
    this.#assertUnlocked();
    return this.#databaseKey;
  }

  /** The AES-256-GCM key for sealed columns. Owned by this object: do not keep it past lock(). */
  get fieldKey(): Buffer {
    this.#assertUnlocked();
    return this.#fieldKey;
  }

  /**
   * A copy of this user's key-encryption key, for "remember on this device": store it only in the
   * OS keychain and unlock later with unlockVaultKeysWithKek. A passphrase change invalidates it.
   */
  deviceKey(): Buffer {
    this.#assertUnlocked();
    return Buffer.from(this.#deviceKey);
  }

  /** Gives another user their own slot, sealed with their passphrase. */
  async addSlot(username: string, passphrase: string): Promise<void> {
    this.#assertUnlocked();
    assertUsableCredentials(username, passphrase);
    await withKeyFileLock(this.dataDir, async () => {
      const file = await this.#readOwnKeyFile();
      const slotId = slotIdFor(file.vaultId, username);
      if (file.slots.some((slot) => slot.slotId === slotId)) {
        throw new VaultKeyError('slot-exists', `User "${username}" already has a key slot; use changePassphrase to replace their passphrase.`);
      }
      const { slot, kek } = await sealSlot(file.vaultId, slotId, passphrase, this.#masterKey, this.options.kdfParams);
      kek.fill(0);
      await writeKeyFile(this.dataDir, { ...file, slots: [...file.slots, slot] });
    });
  }

  /** Removes a user's slot; the last slot cannot be removed (the vault would become unopenable). */
  async removeSlot(username: string): Promise<void> {
    this.#assertUnlocked();
    await withKeyFileLock(this.dataDir, async () => {
      const file = await this.#readOwnKeyFile();
      const slotId = slotIdFor(file.vaultId, username);
      if (!file.slots.some((slot) => slot.slotId === slotId)) {
        throw new VaultKeyError('no-such-slot', `User "${username}" has no key slot in this vault; nothing was removed.`);
      }
      if (file.slots.length === 1) {
        throw new VaultKeyError('last-slot', 'This is the last key slot: add another user before removing it, or the vault can never be opened again.');
      }
      await writeKeyFile(this.dataDir, { ...file, slots: file.slots.filter((slot) => slot.slotId !== slotId) });
    });
  }

  /** Zeroes every key buffer. Idempotent. */
  lock(): void {
    if (this.#locked) return;
    this.#locked = true;
    for (const buffer of [this.#masterKey, this.#databaseKey, this.#fieldKey, this.#deviceKey]) buffer.fill(0);
  }

  async #readOwnKeyFile() {
    const file = await readKeyFile(this.dataDir);
    if (file.vaultId !== this.vaultId) {
      throw new VaultKeyError('corrupt-key-file', `The key file in ${this.dataDir} now belongs to another vault; reopen the vault.`);
    }
    return file;
  }

  #assertUnlocked(): void {
    if (this.#locked) throw new VaultKeyError('locked', 'The vault is locked: unlock it again before using its keys.');
  }
}

export function assertUsableCredentials(username: string, passphrase: string): void {
  if (normalizeUsername(username) === '') {
    throw new VaultKeyError('bad-credentials', 'The username is empty: enter a username.');
  }
  if (passphrase.length === 0) {
    throw new VaultKeyError('bad-credentials', 'The passphrase is empty: enter a passphrase.');
  }
}
