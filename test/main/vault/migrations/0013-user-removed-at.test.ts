import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openVaultDatabase } from '../../../../main/vault/database/open-vault-database';
import { MIGRATIONS } from '../../../../main/vault/migrations/registry';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

describe('migration 0013 user-removed-at', () => {
  it('adds users.removed_at, null for every existing user, and keeps their rows', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const before = await openVaultDatabase(dir, Buffer.from(key), { mode: 'create', migrations: MIGRATIONS.filter((m) => m.id < 13) });
    before.driver.prepare("INSERT INTO users (id, username, role, created_at) VALUES ('u1', 'alice', 'operator', 'x')").run();
    await before.close();
    const after = await openVaultDatabase(dir, Buffer.from(key), { mode: 'open', migrations: MIGRATIONS });
    try {
      expect(after.driver.prepare('SELECT username, removed_at FROM users').all()).toEqual([{ username: 'alice', removed_at: null }]);
      after.driver.prepare("UPDATE users SET removed_at = '2026-12-02T00:00:00.000Z' WHERE id = 'u1'").run();
      expect(after.driver.prepare('SELECT removed_at FROM users').get()).toEqual({ removed_at: '2026-12-02T00:00:00.000Z' });
    } finally {
      await after.close();
    }
  });
});
