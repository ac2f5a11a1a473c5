import { readKeyFile, writeKeyFile, type KeyFile } from './key-file';
import { withKeyFileLock } from './key-file-lock';
import { sealSlot } from './key-slot';
import { sealEnvelope } from './generation-envelope';
import { databaseKeyOf, metadataFieldKeyOf, secretsFieldKeyOf, withoutSecrets, zeroGeneration, type KeyGeneration } from './key-generation';
import { normalizeUsername, slotIdFor } from './slot-id';
import { VaultKeyError } from './vault-key-error';
import type { ResolvedVaultKeyOptions } from './vault-key-options';

/**
 * The keys of an open vault, as one user's slot gave them. Before the database is opened it may hold
 * two generations (a rotation was interrupted): `settle` keeps the one the database was written with.
 * Owns its buffers: lock() zeroes them, after which every accessor throws.
 */
export class UnlockedVaultKeys {
  #generations: KeyGeneration[];
  #deviceKey: Buffer;
  #locked = false;

  constructor(
    readonly dataDir: string,
    readonly vaultId: string,
    /** The username as typed at unlock (the key file itself does not store usernames). */
    readonly username: string,
    generations: readonly KeyGeneration[],
    deviceKey: Buffer,
    private readonly options: ResolvedVaultKeyOptions,
  ) {
    if (generations.length === 0) throw new VaultKeyError('corrupt-key-file', 'This key slot holds no key generation; restore vault.keys.json from a backup.');
    this.#generations = [...generations];
    this.#deviceKey = deviceKey;
  }

  get isLocked(): boolean {
    return this.#locked;
  }

  /** The generations this slot holds, newest first (one, except after an interrupted rotation). */
  candidates(): readonly KeyGeneration[] {
    this.#assertUnlocked();
    return this.#generations;
  }

  /** Keeps only `generation` (the one that opened the database) and zeroes the others. */
  settle(generation: number): void {
    this.#assertUnlocked();
    const kept = this.#generations.find((keys) => keys.generation === generation);
    if (kept === undefined) throw new Error(`This slot holds no key generation ${generation}.`);
    for (const keys of this.#generations) if (keys !== kept) zeroGeneration(keys);
    this.#generations = [kept];
  }

  /** After a rotation: the new generation replaces the old one, which is zeroed. */
  replaceGeneration(next: KeyGeneration): void {
    this.#assertUnlocked();
    for (const keys of this.#generations) zeroGeneration(keys);
    this.#generations = [next];
  }

  /**
   * A secret-holding user joined a vault opened by a role without the secrets key: keep a copy of
   * theirs (same generation) while they are signed in, so what needs it (promotion, rotation) works.
   */
  adoptSecretsKey(from: KeyGeneration): void {
    const current = this.current;
    if (from.generation !== current.generation || from.secretsKey === null || current.secretsKey !== null) return;
    this.#generations = [{ ...current, secretsKey: Buffer.from(from.secretsKey) }];
  }

  /** The last secret-holding user signed out: zero the secrets key (the opener's own included). */
  dropSecretsKey(): void {
    const current = this.current;
    if (current.secretsKey === null) return;
    current.secretsKey.fill(0);
    this.#generations = [{ ...current, secretsKey: null }];
  }

  /** The generation in use (the newest until `settle`). Owned by this object: do not keep it past lock(). */
  get current(): KeyGeneration {
    this.#assertUnlocked();
    const [first] = this.#generations;
    if (first === undefined) throw new Error('No key generation.');
    return first;
  }

  get generation(): number {
    return this.current.generation;
  }

  /** The raw SQLCipher key of the current generation (a fresh copy: the caller zeroes it). */
  databaseKey(): Buffer {
    return databaseKeyOf(this.current);
  }

  /** The field key for non-secret sealed values (a fresh copy: the caller zeroes it). */
  metadataFieldKey(): Buffer {
    return metadataFieldKeyOf(this.current);
  }

  /** The field key for secrets, or null when this user's role may not decrypt them (a fresh copy). */
  secretsFieldKey(): Buffer | null {
    return secretsFieldKeyOf(this.current);
  }

  /**
   * A copy of this user's key-encryption key, for "remember on this device": store it only in the
   * OS keychain and unlock later with unlockVaultKeysWithKek. A passphrase change invalidates it.
   */
  deviceKey(): Buffer {
    this.#assertUnlocked();
    return Buffer.from(this.#deviceKey);
  }

  /**
   * Gives another user their own slot, sealed with their passphrase. `holdsSecrets` (the new user's
   * role may reveal or run changes) puts the secrets key in it, which only a holder can give.
   */
  async addSlot(username: string, passphrase: string, holdsSecrets: boolean): Promise<void> {
    this.#assertUnlocked();
    assertUsableCredentials(username, passphrase);
    const keys = this.#keysToGive(holdsSecrets);
    await withKeyFileLock(this.dataDir, async () => {
      const file = await this.#readOwnKeyFile();
      const slotId = slotIdFor(file.vaultId, username);
      if (file.slots.some((slot) => slot.slotId === slotId)) {
        throw new VaultKeyError('slot-exists', `User "${username}" already has a key slot; use changePassphrase to replace their passphrase.`);
      }
      const { slot, kek } = await sealSlot(file.vaultId, slotId, passphrase, keys, this.options.kdfParams);
      kek.fill(0);
      await writeKeyFile(this.dataDir, { ...file, format: 2, slots: [...file.slots, slot] });
    });
  }

  /**
   * Re-seals a user's envelope for the current generation with (promotion to a secret-holding role)
   * or without the secrets key. Sealing needs only their slot's public key, never their passphrase.
   * Taking the secrets key away this way is not enough on its own (they may have kept a copy): a
   * demotion rotates the keys, and this is only used for the grant.
   */
  async setSlotSecrets(username: string, holdsSecrets: boolean): Promise<void> {
    this.#assertUnlocked();
    const keys = this.#keysToGive(holdsSecrets);
    await withKeyFileLock(this.dataDir, async () => {
      const file = await this.#readOwnKeyFile();
      const slotId = slotIdFor(file.vaultId, username);
      const slot = file.slots.find((candidate) => candidate.slotId === slotId);
      if (slot === undefined) throw new VaultKeyError('no-such-slot', `User "${username}" has no key slot in this vault; add them again.`);
      if (slot.boxPublicKey === undefined) {
        throw new VaultKeyError('legacy-slot', `The key slot of "${username}" is from an older pamdesk: ask them to sign in once, then change their role.`);
      }
      const envelope = sealEnvelope(file.vaultId, slotId, slot.boxPublicKey, keys);
      const envelopes = [...(slot.envelopes ?? []).filter((existing) => existing.generation !== keys.generation), envelope];
      await writeKeyFile(this.dataDir, { ...file, slots: file.slots.map((candidate) => (candidate.slotId === slotId ? { ...candidate, envelopes } : candidate)) });
    });
  }

  /** Zeroes every key buffer. Idempotent. */
  lock(): void {
    if (this.#locked) return;
    this.#locked = true;
    for (const keys of this.#generations) zeroGeneration(keys);
    this.#deviceKey.fill(0);
  }

  #keysToGive(holdsSecrets: boolean): KeyGeneration {
    const current = this.current;
    if (!holdsSecrets) return withoutSecrets(current);
    if (current.secretsKey === null) {
      throw new VaultKeyError('no-secrets-key', 'Your role cannot decrypt secrets, so it cannot give the secrets key to another user: ask an administrator.');
    }
    return current;
  }

  async #readOwnKeyFile(): Promise<KeyFile> {
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
