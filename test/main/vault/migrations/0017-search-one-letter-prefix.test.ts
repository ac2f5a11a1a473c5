import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openVaultDatabase } from '../../../../main/vault/database/open-vault-database';
import { MIGRATIONS } from '../../../../main/vault/migrations/registry';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

describe('migration 0017 search-one-letter-prefix', () => {
  it('rebuilds the search index with one-letter prefixes, keeping every credential in it and its triggers working', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const before = await openVaultDatabase(dir, Buffer.from(key), { mode: 'create', migrations: MIGRATIONS.filter((m) => m.id < 17) });
    before.driver.prepare("INSERT INTO device_types (name) VALUES ('Linux')").run();
    before.driver.prepare("INSERT INTO devices (hostname, ip, type_id, created_at, updated_at) VALUES ('web-01.lab', '10.0.0.1', 1, 'x', 'x')").run();
    before.driver
      .prepare("INSERT INTO credentials (identifier, kind, username, device_id, tags, credential_type, status, in_sync, version, created_at, updated_at) VALUES ('c1', 'password', 'root', 1, 'prod', 'Local User', 'active', 'unknown', 1, 'x', 'x')")
      .run();
    await before.close();

    const after = await openVaultDatabase(dir, Buffer.from(key), { mode: 'open', migrations: MIGRATIONS });
    try {
      const search = (match: string) => after.driver.prepare('SELECT rowid AS id FROM credentials_fts WHERE credentials_fts MATCH ?').all(match);
      const table = after.driver.prepare("SELECT sql FROM sqlite_master WHERE name = 'credentials_fts'").get() as { sql: string };
      expect(table.sql).toContain("prefix = '1 2 3'");
      // The row from before, by every kind of column, one-letter prefixes included.
      for (const match of ['"w"*', '"r"*', '"web 01"*', '"10 0 0 1"', '"linux"', '"prod"']) expect(search(match)).toEqual([{ id: 1 }]);
      // The triggers of migration 0002 still keep it: a new credential, a rename, a device change.
      after.driver
        .prepare("INSERT INTO credentials (identifier, kind, username, device_id, credential_type, status, in_sync, version, created_at, updated_at) VALUES ('c2', 'password', 'oracle', 1, 'Local User', 'active', 'unknown', 1, 'x', 'x')")
        .run();
      expect(search('"o"*')).toEqual([{ id: 2 }]);
      after.driver.prepare("UPDATE credentials SET username = 'admin' WHERE id = 1").run();
      expect(search('"r"*')).toEqual([]);
      after.driver.prepare("UPDATE devices SET hostname = 'db-01.lab'").run();
      expect(search('"d"*')).toEqual([{ id: 1 }, { id: 2 }]);
    } finally {
      await after.close();
    }
  });
});
