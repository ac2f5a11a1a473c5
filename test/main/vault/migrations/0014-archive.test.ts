import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openVaultDatabase } from '../../../../main/vault/database/open-vault-database';
import { MIGRATIONS } from '../../../../main/vault/migrations/registry';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

describe('migration 0014 archive', () => {
  it('adds archived_at/archived_by to credentials, devices, templates and policies, existing rows live', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const before = await openVaultDatabase(dir, Buffer.from(key), { mode: 'create', migrations: MIGRATIONS.filter((m) => m.id < 14) });
    before.driver.prepare("INSERT INTO devices (hostname, ip, created_at, updated_at) VALUES ('h', '10.0.0.1', 'x', 'x')").run();
    before.driver.prepare("INSERT INTO credentials (identifier, kind, username, device_id, credential_type, status, in_sync, version, created_at, updated_at) VALUES ('c', 'password', 'u', 1, 'Local User', 'active', 'unknown', 1, 'x', 'x')").run();
    await before.close();
    const after = await openVaultDatabase(dir, Buffer.from(key), { mode: 'open', migrations: MIGRATIONS });
    try {
      for (const table of ['credentials', 'devices', 'templates', 'password_policies']) {
        const columns = (after.driver.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
        expect(columns).toEqual(expect.arrayContaining(['archived_at', 'archived_by']));
      }
      expect(after.driver.prepare('SELECT archived_at, archived_by FROM credentials').all()).toEqual([{ archived_at: null, archived_by: null }]);
      expect(after.driver.prepare("SELECT name FROM sqlite_master WHERE name = 'credentials_archived_at'").get()).toEqual({ name: 'credentials_archived_at' });
    } finally {
      await after.close();
    }
  });
});
