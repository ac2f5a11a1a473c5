import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { appendAudit } from '../audit/append-audit';
import type { AuditShell } from '../audit/audit-entry';
import { AuditSigners, bindAuditSigners } from '../audit/audit-signers';
import { recordSigningPublicKey } from '../audit/signing-key-registration';
import { createAesFieldCipher } from './aes-field-cipher';
import type { DisposableFieldCipher } from './aes-field-cipher';
import { DATABASE_FILE_NAME, openVaultDatabase } from './database/open-vault-database';
import { VaultDatabaseError } from './database/vault-database-error';
import { databaseKeyOf } from './keys/key-generation';
import { finishSwappedRotation } from './keys/finish-rotation';
import { createSecretsFieldCipher, type SecretsFieldCipher } from './secrets-field-cipher';
import type { VaultDatabaseHandle } from './database/open-vault-database';
import { keyFilePath } from './keys/key-file';
import type { UnlockedVaultKeys } from './keys/unlocked-vault-keys';
import { VaultKeyError } from './keys/vault-key-error';
import type { VaultKeyOptions } from './keys/vault-key-options';
import { createVaultKeys, unlockVaultKeys, unlockVaultKeysWithKek } from './keys/vault-keys';
import { ensureSigningKey, type OpenedSigningKey } from './keys/signing-key';

/** The meta row that records which key generation the database is encrypted and sealed with. */
export const KEY_GENERATION_META = 'key_generation';

/** An unlocked vault: its keys, its open database and the ciphers for sealed columns. */
export interface OpenVault {
  readonly keys: UnlockedVaultKeys;
  readonly database: VaultDatabaseHandle;
  /** Secrets (passwords, keys, candidates, secret template variables): only while a secret-holding role is signed in. */
  readonly fields: SecretsFieldCipher;
  /** Non-secret sealed values every role may open (the unlock-inbox key). */
  readonly metadata: DisposableFieldCipher;
  /** The audit-signing keys of the users signed in (the opener's signs for 'system'). */
  readonly signers: AuditSigners;
  /** Closes the database, then zeroes every key. */
  close(): Promise<void>;
}

export interface OpenVaultOptions extends VaultKeyOptions {
  readonly shell?: AuditShell;
}

/** Creates the key file and the encrypted database, with `firstUser` as administrator. */
export async function createVault(dataDir: string, firstUser: string, passphrase: string, options: OpenVaultOptions = {}): Promise<OpenVault> {
  const keys = await createVaultKeys(dataDir, firstUser, passphrase, options);
  let database: VaultDatabaseHandle | undefined;
  const signers = new AuditSigners();
  try {
    const signing = await openSigningKey(keys);
    const databaseKey = keys.databaseKey();
    try {
      database = await openVaultDatabase(dataDir, databaseKey, { mode: 'create' });
    } finally {
      databaseKey.fill(0);
    }
    // Bound before the first entry: the vault's very first entry is already signed.
    bindAuditSigners(database.db, signers);
    signers.add(firstUser, signing.privateKey);
    const now = new Date().toISOString();
    await database.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('meta')
        .values([
          { key: 'vault_id', value: keys.vaultId },
          { key: 'created_at', value: now },
          { key: KEY_GENERATION_META, value: String(keys.generation) },
        ])
        .execute();
      const userId = randomUUID();
      await trx.insertInto('users').values({ id: userId, username: firstUser, role: 'administrator', created_at: now, signing_public_key: signing.publicKey }).execute();
      await appendAudit(trx, {
        actor: firstUser,
        shell: options.shell ?? 'system',
        action: 'vault.create',
        objectType: 'user',
        objectId: userId,
        details: { after: { username: firstUser, role: 'administrator' } },
      });
    });
  } catch (error) {
    // Leave no half-made vault behind: a key file without its database cannot be used anyway.
    signers.clear();
    keys.lock();
    await database?.close();
    await Promise.all(
      [keyFilePath(dataDir), ...['', '-wal', '-shm'].map((suffix) => join(dataDir, DATABASE_FILE_NAME + suffix))].map((path) =>
        rm(path, { force: true }),
      ),
    );
    throw error;
  }
  return assemble(keys, database, signers);
}

/** Unlocks with a passphrase, then opens the database (applying pending migrations). */
export async function openVault(dataDir: string, username: string, passphrase: string, options: OpenVaultOptions = {}): Promise<OpenVault> {
  return openWithKeys(dataDir, await unlockVaultKeys(dataDir, username, passphrase, options), options.shell ?? 'system');
}

/** Unlocks with the key-encryption key remembered in the OS keychain for this user. */
export async function openVaultWithDeviceKey(dataDir: string, username: string, deviceKey: Buffer, options: OpenVaultOptions = {}): Promise<OpenVault> {
  return openWithKeys(dataDir, await unlockVaultKeysWithKek(dataDir, username, deviceKey, options), options.shell ?? 'system');
}

async function openWithKeys(dataDir: string, keys: UnlockedVaultKeys, shell: AuditShell): Promise<OpenVault> {
  let database: VaultDatabaseHandle | undefined;
  const signers = new AuditSigners();
  try {
    database = await openMatchingGeneration(dataDir, keys);
    await finishSwappedRotation(dataDir, keys.vaultId, keys.generation);
    const user = await database.db
      .selectFrom('users')
      .select(['disabled', 'removed_at'])
      .where('username', '=', keys.username)
      .executeTakeFirst();
    if (user === undefined || user.disabled !== 0 || user.removed_at !== null) {
      throw new VaultKeyError('bad-credentials', `User "${keys.username}" is disabled or no longer exists in this vault; ask an administrator.`);
    }
    bindAuditSigners(database.db, signers);
    await addSigner(database.db, signers, keys.username, await openSigningKey(keys), shell);
  } catch (error) {
    signers.clear();
    keys.lock();
    await database?.close();
    throw error;
  }
  return assemble(keys, database, signers);
}

/**
 * A second user joins an open vault: their signing key (opened with the key-encryption key that
 * just opened their slot, or created now) signs what they do from here on.
 */
export async function joinVaultSigner(vault: OpenVault, username: string, kek: Buffer, shell: AuditShell): Promise<void> {
  const signing = await ensureSigningKey(vault.keys.dataDir, vault.keys.vaultId, username, kek);
  await addSigner(vault.database.db, vault.signers, username, signing, shell);
}

async function addSigner(db: VaultDatabaseHandle['db'], signers: AuditSigners, username: string, signing: OpenedSigningKey, shell: AuditShell): Promise<void> {
  signers.add(username, signing.privateKey);
  await recordSigningPublicKey(db, username, signing.publicKey, shell);
}

async function openSigningKey(keys: UnlockedVaultKeys): Promise<OpenedSigningKey> {
  const kek = keys.deviceKey();
  try {
    return await ensureSigningKey(keys.dataDir, keys.vaultId, keys.username, kek);
  } finally {
    kek.fill(0);
  }
}

/**
 * Opens the database with the newest generation the slot holds that decrypts it: after a rotation
 * interrupted before the swap, the key file holds the new generation but the database is still the
 * old one (and after the swap, the other way round); either opens.
 */
async function openMatchingGeneration(dataDir: string, keys: UnlockedVaultKeys): Promise<VaultDatabaseHandle> {
  let lastError: unknown;
  for (const candidate of keys.candidates()) {
    const databaseKey = databaseKeyOf(candidate);
    try {
      const database = await openVaultDatabase(dataDir, databaseKey, { mode: 'open' });
      keys.settle(candidate.generation);
      return database;
    } catch (error) {
      if (!(error instanceof VaultDatabaseError && error.code === 'wrong-key')) throw error;
      lastError = error;
    } finally {
      databaseKey.fill(0);
    }
  }
  throw lastError;
}

/** Builds the open vault from its parts; also used after a rotation, with the new generation's database. */
export function assemble(keys: UnlockedVaultKeys, database: VaultDatabaseHandle, signers: AuditSigners): OpenVault {
  const metadataKey = keys.metadataFieldKey();
  const secretsKey = keys.secretsFieldKey();
  const metadata = createAesFieldCipher(metadataKey);
  const fields = createSecretsFieldCipher(secretsKey);
  metadataKey.fill(0);
  secretsKey?.fill(0);
  let closed = false;
  return {
    keys,
    database,
    fields,
    metadata,
    signers,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await database.close();
      } finally {
        fields.dispose();
        metadata.dispose();
        signers.clear();
        keys.lock();
      }
    },
  };
}
