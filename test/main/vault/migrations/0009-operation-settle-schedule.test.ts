import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openVaultDatabase } from '../../../../main/vault/database/open-vault-database';
import { MIGRATIONS } from '../../../../main/vault/migrations/registry';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

describe('migration 0009 operation-settle-schedule', () => {
  it('adds the settle schedule; operations already Unverified are due at once, the others have none', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const before = await openVaultDatabase(dir, Buffer.from(key), { mode: 'create', migrations: MIGRATIONS.filter((m) => m.id < 9) });
    before.driver.prepare("INSERT INTO devices (hostname, ip, created_at, updated_at) VALUES ('h', '10.0.0.1', 'x', 'x')").run();
    before.driver.prepare("INSERT INTO credentials (identifier, kind, username, device_id, credential_type, status, in_sync, version, created_at, updated_at) VALUES ('c', 'password', 'u', 1, 'Local User', 'active', 'unknown', 1, 'x', 'x')").run();
    const insert = before.driver.prepare("INSERT INTO operations (code, type, credential_id, device_id, requester, trigger, scheduled_at, state, next_attempt_at, created_at, updated_at) VALUES (?, 'change_password', 1, 1, 'a', 'manual', 'x', ?, 'x', 'x', 'x')");
    insert.run('OP-000001', 'Unverified');
    insert.run('OP-000002', 'Success');
    await before.close();
    const after = await openVaultDatabase(dir, Buffer.from(key), { mode: 'open', migrations: MIGRATIONS });
    try {
      const rows = after.driver.prepare('SELECT code, settle_at, settle_tries FROM operations ORDER BY id').all();
      expect(rows).toEqual([
        { code: 'OP-000001', settle_at: new Date(0).toISOString(), settle_tries: 0 },
        { code: 'OP-000002', settle_at: null, settle_tries: 0 },
      ]);
      const index = after.driver.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'operations_settle_due'").get();
      expect(index).toEqual({ name: 'operations_settle_due' });
    } finally {
      await after.close();
    }
  });
});
