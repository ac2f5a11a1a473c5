import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { appendAudit } from '../audit/append-audit';
import type { AuditShell } from '../audit/audit-entry';
import { createAesFieldCipher } from './aes-field-cipher';
import type { DisposableFieldCipher } from './aes-field-cipher';
import { DATABASE_FILE_NAME, openVaultDatabase } from './database/open-vault-database';
import type { VaultDatabaseHandle } from './database/open-vault-database';
import { keyFilePath } from './keys/key-file';
import type { UnlockedVaultKeys } from './keys/unlocked-vault-keys';
import { VaultKeyError } from './keys/vault-key-error';
import type { VaultKeyOptions } from './keys/vault-key-options';
import { createVaultKeys, unlockVaultKeys, unlockVaultKeysWithKek } from './keys/vault-keys';

/** An unlocked vault: its keys, its open database and the cipher for sealed columns. */
export interface OpenVault {
  readonly keys: UnlockedVaultKeys;
  readonly database: VaultDatabaseHandle;
  readonly fields: DisposableFieldCipher;
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
  try {
    database = await openVaultDatabase(dataDir, keys.databaseKey, { mode: 'create' });
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
      await trx.insertInto('users').values({ id: userId, username: firstUser, role: 'administrator', created_at: now }).execute();
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
    keys.lock();
    await database?.close();
    await Promise.all(
      [keyFilePath(dataDir), ...['', '-wal', '-shm'].map((suffix) => join(dataDir, DATABASE_FILE_NAME + suffix))].map((path) =>
        rm(path, { force: true }),
      ),
    );
    throw error;
  }
  return assemble(keys, database);
}

/** Unlocks with a passphrase, then opens the database (applying pending migrations). */
export async function openVault(dataDir: string, username: string, passphrase: string, options: OpenVaultOptions = {}): Promise<OpenVault> {
  return openWithKeys(dataDir, await unlockVaultKeys(dataDir, username, passphrase, options));
}

/** Unlocks with the key-encryption key remembered in the OS keychain for this user. */
export async function openVaultWithDeviceKey(dataDir: string, username: string, deviceKey: Buffer, options: OpenVaultOptions = {}): Promise<OpenVault> {
  return openWithKeys(dataDir, await unlockVaultKeysWithKek(dataDir, username, deviceKey, options));
}

async function openWithKeys(dataDir: string, keys: UnlockedVaultKeys): Promise<OpenVault> {
  let database: VaultDatabaseHandle | undefined;
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
  } catch (error) {
    keys.lock();
    await database?.close();
    throw error;
  }
  return assemble(keys, database);
}

function assemble(keys: UnlockedVaultKeys, database: VaultDatabaseHandle): OpenVault {
  const fields = createAesFieldCipher(keys.fieldKey);
  let closed = false;
  return {
    keys,
    database,
    fields,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await database.close();
      } finally {
        fields.dispose();
        keys.lock();
      }
    },
  };
}
