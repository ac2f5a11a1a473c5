import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openVaultDatabase } from '../../../../main/vault/database/open-vault-database';
import { MIGRATIONS } from '../../../../main/vault/migrations/registry';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

describe('migration 0012 user-created-by', () => {
  it('adds users.created_by, null for users from before it, and keeps who added a user once set', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const before = await openVaultDatabase(dir, Buffer.from(key), { mode: 'create', migrations: MIGRATIONS.filter((m) => m.id < 12) });
    before.driver.prepare("INSERT INTO users (id, username, role, created_at) VALUES ('u1', 'alice', 'administrator', '2026-01-01T00:00:00.000Z')").run();
    await before.close();
    const after = await openVaultDatabase(dir, Buffer.from(key), { mode: 'open', migrations: MIGRATIONS });
    try {
      expect(after.driver.prepare('SELECT created_by FROM users WHERE id = ?').get('u1')).toEqual({ created_by: null });
      await after.db.insertInto('users').values({ id: 'u2', username: 'bob', role: 'approver', created_at: '2026-01-02T00:00:00.000Z', signing_public_key: null, created_by: 'u1' }).execute();
      expect(after.driver.prepare('SELECT created_by FROM users WHERE id = ?').get('u2')).toEqual({ created_by: 'u1' });
    } finally {
      await after.close();
    }
  });
});
