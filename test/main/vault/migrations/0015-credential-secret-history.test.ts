import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openVaultDatabase } from '../../../../main/vault/database/open-vault-database';
import { MIGRATIONS } from '../../../../main/vault/migrations/registry';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

describe('migration 0015 credential-secret-history', () => {
  it('adds the history table to an existing vault: reasons checked, the credential must exist, deleting it deletes its history', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const before = await openVaultDatabase(dir, Buffer.from(key), { mode: 'create', migrations: MIGRATIONS.filter((m) => m.id < 15) });
    before.driver.prepare("INSERT INTO devices (hostname, ip, created_at, updated_at) VALUES ('h', '10.0.0.1', 'x', 'x')").run();
    before.driver.prepare("INSERT INTO credentials (identifier, kind, username, device_id, credential_type, status, in_sync, version, created_at, updated_at) VALUES ('c1', 'password', 'u1', 1, 'Local User', 'active', 'unknown', 1, 'x', 'x')").run();
    expect(before.driver.prepare("SELECT name FROM sqlite_master WHERE name = 'credential_secret_history'").get()).toBeUndefined();
    await before.close();

    const after = await openVaultDatabase(dir, Buffer.from(key), { mode: 'open', migrations: MIGRATIONS });
    try {
      const insert = after.driver.prepare("INSERT INTO credential_secret_history (credential_id, secret, replaced_at, reason, operation_code, replaced_by) VALUES (?, x'01', '2026-01-01T00:00:00.000Z', ?, NULL, 'admin')");
      for (const reason of ['change', 'reset', 'import', 'edit', 'restore']) insert.run(1, reason);
      expect(() => insert.run(1, 'whim')).toThrow(/CHECK constraint/);
      expect(() => insert.run(99, 'edit')).toThrow(/FOREIGN KEY/);
      expect(after.driver.prepare('SELECT count(*) AS n FROM credential_secret_history').get()).toEqual({ n: 5 });
      after.driver.prepare('DELETE FROM credentials WHERE id = 1').run();
      expect(after.driver.prepare('SELECT count(*) AS n FROM credential_secret_history').get()).toEqual({ n: 0 });
    } finally {
      await after.close();
    }
  });
});
