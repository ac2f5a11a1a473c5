import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { IdleStatus, SessionInfo } from '../../shared/contract/session';
import { AppFailure } from '../../shared/errors';
import { permissionsOf, roleHasPermission, roleHoldsSecrets, type Role } from '../../shared/roles';
import { bindAuditSigners } from '../audit/audit-signers';
import type { Shell } from '../../shared/shells';
import { appendAudit } from '../audit/append-audit';
import type { NewAuditEntry } from '../audit/audit-entry';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { witnessCurrentHead } from '../audit/witness-keeper';
import type { EventBus } from '../ipc/event-bus';
import { senderKey, type Sender } from '../ipc/sender';
import type { Session } from '../ipc/session';
import type { Logger } from '../logging/logger';
import type { KeyStore } from '../keystore/key-store';
import type { KeyValueStore } from '../settings/settings-store';
import { keyFilePath, readKeyFile } from '../vault/keys/key-file';
import { LEGACY_GENERATION, secretsFieldKeyOf } from '../vault/keys/key-generation';
import { slotIdFor } from '../vault/keys/slot-id';
import type { UnlockedVaultKeys } from '../vault/keys/unlocked-vault-keys';
import { changePassphrase, unlockVaultKeys, unlockVaultKeysWithKek } from '../vault/keys/vault-keys';
import type { VaultKeyOptions } from '../vault/keys/vault-key-options';
import { assemble, createVault, joinVaultSigner, openVault, openVaultWithDeviceKey, type OpenVault } from '../vault/open-vault';
import { rotateVaultKeys, type RotationCheckpoint } from './rotate-vault-keys';
import { auditJournaledFailures, ensureUnlockInbox, journalUnlockFailure } from './unlock-failure-journal';
import { isRotationBlockedByAnotherProcess, translatingVaultErrors } from './vault-errors';

export type VaultState = 'absent' | 'locked' | 'unlocked';

/** What a handler records of its change; the actor and shell come from the session. */
export interface AuditIntent {
  readonly action: string;
  readonly objectType?: string | undefined;
  readonly objectId?: string | undefined;
  readonly details?: NewAuditEntry['details'];
}
/** How often idle sessions are looked for (an in-memory scan). */
const IDLE_CHECK_MS = 5_000;

export type LockReason = 'manual' | 'idle' | 'signed-out' | 'shutdown';

export interface VaultSessionsOptions {
  readonly dataDir: string;
  readonly shell: Shell;
  readonly events: EventBus;
  readonly keyStore: KeyStore;
  readonly logger: Logger;
  readonly keyOptions?: VaultKeyOptions;
  readonly idleLockMinutes: () => number;
  /** Called after the vault opens or closes, so the shell can push fresh status to its windows. */
  readonly onStateChange: () => void;
  /** The vault just opened (prepare it, start what needs its keys such as the runner); awaited. */
  readonly onOpened?: (vault: OpenVault) => Promise<void>;
  /** The vault is about to close: finish what uses its keys first. */
  readonly beforeClose?: () => Promise<void>;
  readonly now?: () => number;
  /** Where each user's last-seen audit head is witnessed, outside the database (the preferences file). */
  readonly witnesses?: KeyValueStore;
  /**
   * A CLI process that runs one command: its sign-in is audited as one `cli.command` entry naming
   * the command, and the end of the command (shutdown) adds no `vault.lock` entry of its own.
   */
  readonly cliCommand?: string;
  /** Tests kill the process at a rotation step (see rotate-vault-keys.ts). */
  readonly rotationCheckpoint?: (at: RotationCheckpoint) => void;
}

export interface RotationOutcome {
  readonly generation: number;
  readonly resealed: number;
}

interface LiveSession extends Session {
  lastActivity: number;
  /** Cleared when the user changes their passphrase: the keychain entry is deleted then. */
  rememberedOnDevice: boolean;
}

/**
 * Who is signed in, and the open vault they share. The vault's keys exist in memory only while at
 * least one session is open: locking (on demand, after idle, or when the last user signs out) closes
 * the database and zeroes every key, and every window is told to forget what it shows.
 */
export class VaultSessions {
  #vault: OpenVault | undefined;
  readonly #sessions = new Map<string, LiveSession>();
  /**
   * Failed unlocks while locked cannot be written (no key): they go to the sealed journal on disk
   * (unlock-failure-journal.ts), audited at the next unlock by whichever process makes it. Only a
   * vault never opened by this version (no inbox key yet) keeps them here in memory.
   */
  readonly #pendingFailures: { at: string; username: string }[] = [];
  #idleTimer: NodeJS.Timeout | undefined;
  #closing: Promise<void> | undefined;
  /** Set while the keys rotate: the database is being replaced, so nothing else may use it. */
  #rotating = false;

  constructor(private readonly options: VaultSessionsOptions) {}

  /** The shell this core runs in, for audit entries written inside a service's own transaction. */
  get shell(): Shell {
    return this.options.shell;
  }

  state(): VaultState {
    if (this.#vault) return 'unlocked';
    return existsSync(keyFilePath(this.options.dataDir)) ? 'locked' : 'absent';
  }

  sessionOf(sender: Sender): Session | undefined {
    return this.#vault ? this.#sessions.get(senderKey(sender)) : undefined;
  }

  /** The open vault, for services acting on behalf of a session the router already checked. */
  vault(): OpenVault {
    if (!this.#vault) throw new AppFailure('VAULT_LOCKED', 'The vault is locked. Unlock it and try again.');
    if (this.#rotating) throw new AppFailure('CONFLICT', 'The vault is rotating its keys: try again in a moment.');
    return this.#vault;
  }

  async create(sender: Sender, username: string, passphrase: string): Promise<SessionInfo> {
    if (this.state() !== 'absent') {
      throw new AppFailure('VAULT_EXISTS', `A vault already exists in ${this.options.dataDir}. Unlock it instead.`);
    }
    const vault = await translatingVaultErrors(() => createVault(this.options.dataDir, username, passphrase, this.#openOptions()));
    await this.#adopt(vault);
    return this.#startSession(sender, username, false);
  }

  async unlock(sender: Sender, username: string, passphrase: string, remember: boolean): Promise<SessionInfo> {
    if (remember) await this.#requireKeyStore();
    try {
      if (this.#vault) {
        // Another user joins an open vault: prove their passphrase against their own slot, then
        // drop the duplicate keys at once.
        const keys = await translatingVaultErrors(() => unlockVaultKeys(this.options.dataDir, username, passphrase, this.options.keyOptions));
        try {
          const kek = keys.deviceKey();
          try {
            const vault = this.vault();
            joinVaultSecrets(vault, keys);
            await translatingVaultErrors(() => joinVaultSigner(vault, username, kek, this.options.shell));
          } finally {
            kek.fill(0);
          }
          if (remember) await this.#remember(username, keys.deviceKey());
        } finally {
          keys.lock();
        }
      } else {
        const vault = await translatingVaultErrors(() => openVault(this.options.dataDir, username, passphrase, this.#openOptions()));
        await this.#adopt(vault);
        if (remember) await this.#remember(username, vault.keys.deviceKey());
      }
    } catch (error) {
      await this.#recordFailure(username);
      throw error;
    }
    return this.#startSession(sender, username, remember);
  }

  async unlockWithDevice(sender: Sender, username: string): Promise<SessionInfo> {
    await this.#requireKeyStore();
    const deviceKey = await this.options.keyStore.get(await this.#keychainAccount(username));
    if (!deviceKey) {
      throw new AppFailure('WRONG_PASSPHRASE', `This device does not remember "${username}". Unlock with your passphrase and tick "Remember on this device".`);
    }
    try {
      if (!this.#vault) {
        await this.#adopt(await translatingVaultErrors(() => openVaultWithDeviceKey(this.options.dataDir, username, deviceKey, this.#openOptions())));
      } else {
        const keys = await translatingVaultErrors(() => unlockVaultKeysWithKek(this.options.dataDir, username, deviceKey, this.options.keyOptions));
        const vault = this.vault();
        try {
          joinVaultSecrets(vault, keys);
        } finally {
          keys.lock();
        }
        await translatingVaultErrors(() => joinVaultSigner(vault, username, deviceKey, this.options.shell));
      }
    } catch (error) {
      await this.#recordFailure(username);
      throw error;
    } finally {
      deviceKey.fill(0);
    }
    return this.#startSession(sender, username, true);
  }

  async forgetDevice(session: Session): Promise<void> {
    await this.options.keyStore.delete(await this.#keychainAccount(session.username));
    await this.audit(session, 'session.forget_device', 'user', session.userId);
  }

  describe(session: Session): SessionInfo {
    const live = [...this.#sessions.values()].find((candidate) => candidate.id === session.id);
    return {
      username: session.username,
      role: session.role,
      permissions: [...permissionsOf(session.role)],
      rememberedOnDevice: live?.rememberedOnDevice ?? false,
    };
  }

  /** Re-wraps only this user's key slot; a key remembered on a device for them stops working. */
  async changePassphrase(session: Session, current: string, next: string): Promise<void> {
    try {
      await translatingVaultErrors(() => changePassphrase(this.options.dataDir, session.username, current, next, this.options.keyOptions));
    } catch (error) {
      // A wrong current passphrase from a signed-in window may be someone else at an unattended
      // desk trying to take the slot over: it goes on the trail as a failed unlock does.
      if (error instanceof AppFailure && (error.code === 'WRONG_PASSPHRASE' || error.code === 'TOO_MANY_ATTEMPTS')) {
        await this.audit(session, 'session.change_passphrase_failed', 'user', session.userId, { reason: error.code === 'WRONG_PASSPHRASE' ? 'wrong current passphrase' : 'too many attempts, throttled' });
      }
      throw error;
    }
    await this.options.keyStore.delete(await this.#keychainAccount(session.username)).catch(() => false);
    // The remembered key was the old passphrase's: no window of this user may still claim it.
    for (const live of this.#sessions.values()) if (live.userId === session.userId) live.rememberedOnDevice = false;
    await this.audit(session, 'session.change_passphrase', 'user', session.userId);
  }

  /**
   * How long until the idle lock ends this sender's session if nothing happens (null: idle locking
   * is off). The page counts down from it; only touch() moves it.
   */
  idleStatus(sender: Sender): IdleStatus {
    const session = this.#vault ? this.#sessions.get(senderKey(sender)) : undefined;
    const idleLockMinutes = this.options.idleLockMinutes();
    const idleMs = idleLockMinutes * 60_000;
    if (!session || idleMs <= 0) return { lockInMs: null, idleLockMinutes };
    return { lockInMs: Math.max(0, Math.round(session.lastActivity + idleMs - this.#now())), idleLockMinutes };
  }

  touch(sender: Sender): void {
    const session = this.#sessions.get(senderKey(sender));
    if (session) session.lastActivity = this.#now();
  }

  async signOut(sender: Sender): Promise<void> {
    await this.#endSession(senderKey(sender), 'signed-out');
  }

  /**
   * Lock (Ctrl+L): ends the caller's own session only; other users stay signed in. The vault's
   * keys are dropped when the last session ends.
   */
  async lockSession(sender: Sender): Promise<void> {
    await this.#endSession(senderKey(sender), 'manual');
  }

  async #endSession(key: string, reason: Exclude<LockReason, 'shutdown'>): Promise<void> {
    const session = this.#sessions.get(key);
    if (!session) return;
    if (reason === 'signed-out') await this.audit(session, 'session.sign_out', 'user', session.userId);
    else await this.audit(session, 'session.lock', 'user', session.userId, { reason });
    await this.#witness([session.username]);
    this.#sessions.delete(key);
    // The same user may still be signed in from another window or socket: keep their signing key for it.
    const stillSignedIn = [...this.#sessions.values()].some((other) => other.userId === session.userId);
    if (!stillSignedIn) this.#vault?.signers.remove(session.username);
    // Keys per role: the secrets key stays in memory only while someone who may use it is signed in.
    if (this.#vault && ![...this.#sessions.values()].some((other) => roleHoldsSecrets(other.role))) {
      this.#vault.fields.detach();
      this.#vault.keys.dropSecretsKey();
    }
    // Every page asks whether its own session was the one (no page learns another's identity).
    this.options.events.emit('session.ended', { reason });
    // Nobody left to use the keys: drop them.
    if (this.#sessions.size === 0) await this.lock(reason);
  }

  /** Ends every session of one user at once (they were disabled or removed); audited as a lock with that reason. */
  async endSessionsOf(userId: string): Promise<void> {
    for (const [key, session] of [...this.#sessions]) {
      if (session.userId === userId) await this.#endSession(key, 'manual');
    }
  }

  /**
   * Rotates the vault's keys (rotate-vault-keys.ts) for every user not removed, each getting the
   * secrets key only if their role holds secrets; removed users' slots are dropped. The runner and
   * everything else holding the database stop first and start again on the new one.
   */
  async rotateKeys(actor: Session, reason: string): Promise<RotationOutcome> {
    const vault = this.vault();
    const file = await readKeyFile(this.options.dataDir);
    const slotIds = new Set(file.slots.map((slot) => slot.slotId));
    const users = await vault.database.db.selectFrom('users').select(['username', 'role']).where('removed_at', 'is', null).execute();
    const recipients = users
      .filter((user) => slotIds.has(slotIdFor(file.vaultId, user.username)))
      .map((user) => ({ username: user.username, holdsSecrets: roleHoldsSecrets(user.role as Role) }));
    this.#rotating = true;
    let result: Awaited<ReturnType<typeof rotateVaultKeys>>;
    try {
      await this.options.beforeClose?.();
      try {
        result = await translatingVaultErrors(() =>
          rotateVaultKeys(vault, {
            recipients,
            actor: actor.username,
            shell: this.options.shell,
            reason,
            ...(this.options.rotationCheckpoint ? { checkpoint: this.options.rotationCheckpoint } : {}),
          }),
        );
      } catch (error) {
        this.#rotating = false;
        if (vault.database.driver.open) await this.options.onOpened?.(vault);
        else await this.#dropBrokenVault(vault);
        throw error;
      }
      // The new generation (with the secrets key: the rotating administrator is signed in) is held
      // like any adopted secrets key, until the last secret-holding session ends.
      vault.keys.replaceGeneration(result.next);
      bindAuditSigners(result.database.db, vault.signers);
      const next = assemble(vault.keys, result.database, vault.signers);
      vault.fields.dispose();
      vault.metadata.dispose();
      this.#vault = next;
      this.#rotating = false;
      await this.options.onOpened?.(next);
    } finally {
      this.#rotating = false;
    }
    return { generation: result.next.generation, resealed: result.resealed };
  }

  /**
   * Rotations owed by an earlier step (a format-1 upgrade, a removal whose rotation did not finish)
   * are made at a sign-in; while another pamdesk process has the vault open they wait for a later
   * one, and the sign-in goes ahead.
   */
  async #rotationsDueAtSignIn(session: Session): Promise<void> {
    try {
      await this.#upgradeLegacyKeys(session);
      await this.#finishInterruptedRemovals(session);
    } catch (error) {
      if (!isRotationBlockedByAnotherProcess(error)) throw error;
      this.options.logger.info('vault.rotation_deferred', { reason: 'another pamdesk process has the vault open' });
    }
  }

  /**
   * A format-1 vault (generation 0: every slot wraps the one master key the secrets hang off) gets
   * keys per role at the first sign-in of a user who may decrypt secrets, once every member's slot
   * has a box (each is given one at its own user's next unlock): that is a rotation, losing nothing.
   */
  async #upgradeLegacyKeys(session: Session): Promise<void> {
    const vault = this.vault();
    if (vault.keys.generation !== LEGACY_GENERATION || !roleHoldsSecrets(session.role)) return;
    const file = await readKeyFile(this.options.dataDir);
    const bySlot = new Map(file.slots.map((slot) => [slot.slotId, slot]));
    const members = await vault.database.db.selectFrom('users').select('username').where('removed_at', 'is', null).execute();
    const waiting = members.filter((member) => bySlot.get(slotIdFor(file.vaultId, member.username))?.boxPublicKey === undefined && bySlot.has(slotIdFor(file.vaultId, member.username)));
    if (waiting.length > 0) {
      this.options.logger.info('vault.key_upgrade_waiting', { slots: waiting.length });
      return;
    }
    await this.rotateKeys(session, 'upgrade from key file format 1: a separate secrets key for the roles that may use it');
  }

  /**
   * A removal whose rotation did not finish (a crash before the swap) leaves the removed user's slot
   * opening the old keys, which still open the database. The next administrator to sign in rotates.
   */
  async #finishInterruptedRemovals(session: Session): Promise<void> {
    const vault = this.vault();
    if (!roleHasPermission(session.role, 'user.manage') || !vault.fields.holdsSecrets || vault.keys.generation === LEGACY_GENERATION) return;
    const file = await readKeyFile(this.options.dataDir);
    const slotIds = new Set(file.slots.map((slot) => slot.slotId));
    const removed = await vault.database.db.selectFrom('users').select('username').where('removed_at', 'is not', null).execute();
    const lingering = removed.filter((user) => slotIds.has(slotIdFor(file.vaultId, user.username)));
    if (lingering.length === 0) return;
    await this.rotateKeys(session, `finishing the removal of ${lingering.map((user) => user.username).join(', ')}`);
  }

  /** The old database was closed before the failure: nothing in memory is usable; what is on disk opens. */
  async #dropBrokenVault(vault: OpenVault): Promise<void> {
    this.#sessions.clear();
    if (this.#idleTimer) clearInterval(this.#idleTimer);
    this.#idleTimer = undefined;
    this.#vault = undefined;
    await vault.close().catch(() => undefined);
    this.options.events.emit('vault.locked', { reason: 'manual' });
    this.options.onStateChange();
  }

  /** Everyone at once (shutdown; a user disabled before their session began). */
  async lock(reason: LockReason): Promise<void> {
    // Idle, manual and sign-out locks can race: the first one closes, the others wait for it.
    this.#closing ??= this.#close(reason).finally(() => {
      this.#closing = undefined;
    });
    return this.#closing;
  }

  async #close(reason: LockReason): Promise<void> {
    const vault = this.#vault;
    if (!vault) return;
    const signedIn = [...this.#sessions.values()].map((session) => session.username);
    this.#sessions.clear();
    if (this.#idleTimer) clearInterval(this.#idleTimer);
    this.#idleTimer = undefined;
    try {
      await this.options.beforeClose?.();
    } finally {
      this.#vault = undefined;
    }
    try {
      if (!(this.options.cliCommand !== undefined && reason === 'shutdown')) {
        await appendAudit(vault.database.db, { actor: 'system', shell: this.options.shell, action: 'vault.lock', details: { reason } });
      }
      await this.#witness(signedIn, vault);
    } finally {
      await vault.close();
    }
    this.options.logger.info('vault.locked', { reason });
    this.options.events.emit('vault.locked', { reason });
    this.options.onStateChange();
  }

  /**
   * Appends an audit entry on behalf of a session for something that writes nothing else (a sign-in,
   * an export, a preview). A change goes through auditedWrite instead (never pass secrets in details).
   */
  async audit(session: Session | undefined, action: string, objectType?: string, objectId?: string, details?: AuditIntent['details']): Promise<void> {
    await appendAudit(this.vault().database.db, this.#entryOf(session, { action, objectType, objectId, details }));
  }

  /**
   * A change and its audit entry in one IMMEDIATE transaction: if the entry cannot be written, the
   * change is rolled back with it, so nothing in the vault changes unrecorded. `change` must write
   * through the transaction it is given.
   */
  async auditedWrite<T>(session: Session | undefined, change: (trx: Kysely<VaultDatabase>) => Promise<T>, entry: (result: T) => AuditIntent): Promise<T> {
    return this.vault().database.db.transaction().execute(async (trx) => {
      const result = await change(trx);
      await appendAudit(trx, this.#entryOf(session, entry(result)));
      return result;
    });
  }

  #entryOf(session: Session | undefined, intent: AuditIntent): NewAuditEntry {
    return {
      actor: session?.username ?? 'system',
      shell: this.options.shell,
      action: intent.action,
      objectType: intent.objectType ?? null,
      objectId: intent.objectId ?? null,
      details: intent.details ?? null,
    };
  }

  /** Each user's witnessed head follows the trail; a failing preferences file must not block a lock. */
  async #witness(usernames: readonly string[], vault: OpenVault | undefined = this.#vault): Promise<void> {
    const store = this.options.witnesses;
    if (!store || !vault) return;
    for (const username of usernames) {
      try {
        await witnessCurrentHead(vault, store, username, new Date(this.#now()));
      } catch (error) {
        this.options.logger.warn('audit.witness_failed', { error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  async #adopt(vault: OpenVault): Promise<void> {
    this.#vault = vault;
    await ensureUnlockInbox(this.options.dataDir, vault);
    await this.options.onOpened?.(vault);
    // Every 5 s, so a session ends within seconds of the deadline its page counts down to.
    this.#idleTimer = setInterval(() => void this.lockIfIdle(), IDLE_CHECK_MS);
    this.#idleTimer.unref();
  }

  async #startSession(sender: Sender, username: string, rememberedOnDevice: boolean): Promise<SessionInfo> {
    const vault = this.vault();
    const user = await vault.database.db
      .selectFrom('users')
      .select(['id', 'username', 'role', 'disabled', 'removed_at'])
      .where(sql<string>`lower(username)`, '=', username.trim().toLowerCase())
      .executeTakeFirst();
    if (!user || user.disabled !== 0 || user.removed_at !== null) {
      if (this.#sessions.size === 0) await this.lock('signed-out');
      throw new AppFailure('FORBIDDEN', `User "${username}" is disabled or no longer exists in this vault. Ask an administrator.`);
    }
    const session: LiveSession = {
      id: randomUUID(),
      userId: user.id,
      username: user.username,
      role: user.role as Role,
      lastActivity: this.#now(),
      rememberedOnDevice,
    };
    this.#sessions.set(senderKey(sender), session);
    for (const failure of this.#pendingFailures.splice(0)) {
      await this.audit(undefined, 'session.unlock_failed', 'user', undefined, { username: failure.username, at: failure.at });
    }
    await auditJournaledFailures(this.options.dataDir, vault, this.options.shell);
    const command = this.options.cliCommand;
    if (command === undefined) await this.audit(session, 'session.sign_in', 'user', user.id, { rememberedOnDevice });
    else await this.audit(session, 'cli.command', 'user', user.id, { command });
    await this.#rotationsDueAtSignIn(session);
    this.options.onStateChange();
    return this.describe(session);
  }

  async #recordFailure(username: string): Promise<void> {
    const failure = { at: new Date(this.#now()).toISOString(), username };
    if (this.#vault) await this.audit(undefined, 'session.unlock_failed', 'user', undefined, failure);
    else if (!journalUnlockFailure(this.options.dataDir, { ...failure, shell: this.options.shell })) this.#pendingFailures.push(failure);
  }

  /**
   * Ends each session that has shown no activity for the idle-lock setting (checked every 5 s);
   * the keys go with the last one. One user's activity never keeps another's session open.
   */
  async lockIfIdle(): Promise<void> {
    const idleMs = this.options.idleLockMinutes() * 60_000;
    if (idleMs <= 0) return;
    const now = this.#now();
    for (const [key, session] of [...this.#sessions]) {
      if (now - session.lastActivity >= idleMs) await this.#endSession(key, 'idle');
    }
  }

  async #requireKeyStore(): Promise<void> {
    const availability = await this.options.keyStore.isAvailable();
    if (!availability.available) {
      throw new AppFailure('KEYSTORE_UNAVAILABLE', `"Remember on this device" is not available: ${availability.reason}`);
    }
  }

  async #remember(username: string, deviceKey: Buffer): Promise<void> {
    try {
      await this.options.keyStore.set(await this.#keychainAccount(username), deviceKey);
    } finally {
      deviceKey.fill(0);
    }
  }

  async #keychainAccount(username: string): Promise<string> {
    const file = await readKeyFile(this.options.dataDir);
    return `${file.vaultId}:${username.trim().toLowerCase()}`;
  }

  #openOptions() {
    return { ...this.options.keyOptions, shell: this.options.shell };
  }

  #now(): number {
    return this.options.now?.() ?? Date.now();
  }
}

/**
 * A user joins an open vault: their slot must hold the generation the database is at (a removed
 * user's old slot does not), and if their role holds the secrets key and the vault has none in
 * memory yet (an auditor opened it), theirs is taken.
 */
function joinVaultSecrets(vault: OpenVault, joiner: UnlockedVaultKeys): void {
  const same = joiner.candidates().find((keys) => keys.generation === vault.keys.generation);
  if (same === undefined || !same.masterKey.equals(vault.keys.current.masterKey)) {
    throw new AppFailure('WRONG_PASSPHRASE', "Your key slot does not hold the vault's current keys (they were rotated without you): ask an administrator.");
  }
  vault.keys.adoptSecretsKey(same);
  const secretsKey = secretsFieldKeyOf(same);
  if (secretsKey !== null && !vault.fields.holdsSecrets) vault.fields.attach(secretsKey);
  secretsKey?.fill(0);
}
