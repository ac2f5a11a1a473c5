import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openVaultDatabase } from '../../../../main/vault/database/open-vault-database';
import { VaultDatabaseError } from '../../../../main/vault/database/vault-database-error';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

describe('openVaultDatabase', () => {
  it('creates an encrypted WAL database with foreign keys and a busy timeout', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const handle = await openVaultDatabase(dir, key, { mode: 'create' });
    try {
      expect(handle.driver.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(handle.driver.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(handle.driver.pragma('busy_timeout', { simple: true })).toBe(5000);
      // 2 = MEMORY: savepoint sub-journals stay off the disk (see openVaultDatabase).
      expect(handle.driver.pragma('temp_store', { simple: true })).toBe(2);
      expect(handle.driver.pragma('cipher', { simple: true })).toBe('sqlcipher');
      expect((await stat(handle.path)).mode & 0o777).toBe(0o600);
      const header = (await readFile(handle.path)).subarray(0, 16).toString('latin1');
      expect(header).not.toBe('SQLite format 3\0');
    } finally {
      await handle.close();
    }
  });

  it('reopens with the right key and refuses a wrong one with a clear error', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const created = await openVaultDatabase(dir, key, { mode: 'create' });
    await sql`CREATE TABLE scratch (v TEXT)`.execute(created.db);
    await sql`INSERT INTO scratch VALUES ('kept')`.execute(created.db);
    await created.close();

    const reopened = await openVaultDatabase(dir, key, { mode: 'open' });
    expect((await sql<{ v: string }>`SELECT v FROM scratch`.execute(reopened.db)).rows).toEqual([{ v: 'kept' }]);
    await reopened.close();

    const error = await openVaultDatabase(dir, randomBytes(32), { mode: 'open' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VaultDatabaseError);
    expect((error as VaultDatabaseError).code).toBe('wrong-key');
    expect((error as VaultDatabaseError).message).toMatch(/cannot be decrypted with this key/);
  });

  it('refuses to create over an existing file or open a missing one', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    await expect(openVaultDatabase(dir, key, { mode: 'open' })).rejects.toMatchObject({ code: 'no-database' });
    expect(existsSync(`${dir}/vault.db`)).toBe(false);
    await (await openVaultDatabase(dir, key, { mode: 'create' })).close();
    await expect(openVaultDatabase(dir, key, { mode: 'create' })).rejects.toMatchObject({ code: 'database-exists' });
  });
});
