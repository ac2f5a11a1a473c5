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
import type { VaultDatabaseHandle } from './database/open-vault-database';
import { keyFilePath } from './keys/key-file';
import type { UnlockedVaultKeys } from './keys/unlocked-vault-keys';
import { VaultKeyError } from './keys/vault-key-error';
import type { VaultKeyOptions } from './keys/vault-key-options';
import { createVaultKeys, unlockVaultKeys, unlockVaultKeysWithKek } from './keys/vault-keys';
import { ensureSigningKey, type OpenedSigningKey } from './keys/signing-key';

/** An unlocked vault: its keys, its open database and the cipher for sealed columns. */
export interface OpenVault {
  readonly keys: UnlockedVaultKeys;
  readonly database: VaultDatabaseHandle;
  readonly fields: DisposableFieldCipher;
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
    database = await openVaultDatabase(dataDir, keys.databaseKey, { mode: 'create' });
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
    database = await openVaultDatabase(dataDir, keys.databaseKey, { mode: 'open' });
    const user = await database.db
      .selectFrom('users')
      .select(['disabled'])
      .where('username', '=', keys.username)
      .executeTakeFirst();
    if (user === undefined || user.disabled !== 0) {
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

function assemble(keys: UnlockedVaultKeys, database: VaultDatabaseHandle, signers: AuditSigners): OpenVault {
  const fields = createAesFieldCipher(keys.fieldKey);
  let closed = false;
  return {
    keys,
    database,
    fields,
    signers,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await database.close();
      } finally {
        fields.dispose();
        signers.clear();
        keys.lock();
      }
    },
  };
}
