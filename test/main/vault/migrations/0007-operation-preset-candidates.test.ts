import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openVaultDatabase } from '../../../../main/vault/database/open-vault-database';
import { MIGRATIONS } from '../../../../main/vault/migrations/registry';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

describe('migration 0007 operation-preset-candidates', () => {
  it('adds the preset and sent flags to operations, defaulting to 0 for existing rows', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const before = await openVaultDatabase(dir, Buffer.from(key), { mode: 'create', migrations: MIGRATIONS.filter((m) => m.id < 7) });
    before.driver.prepare("INSERT INTO devices (hostname, ip, created_at, updated_at) VALUES ('h', '10.0.0.1', 'x', 'x')").run();
    before.driver.prepare("INSERT INTO credentials (identifier, kind, username, device_id, credential_type, status, in_sync, version, created_at, updated_at) VALUES ('c', 'password', 'u', 1, 'Local User', 'active', 'unknown', 1, 'x', 'x')").run();
    before.driver.prepare("INSERT INTO operations (code, type, credential_id, device_id, requester, trigger, scheduled_at, state, next_attempt_at, created_at, updated_at) VALUES ('OP-000001', 'change_password', 1, 1, 'a', 'manual', 'x', 'Scheduled', 'x', 'x', 'x')").run();
    await before.close();
    const after = await openVaultDatabase(dir, Buffer.from(key), { mode: 'open', migrations: MIGRATIONS });
    try {
      expect(after.driver.prepare('SELECT candidate_preset, candidate_sent FROM operations').get()).toEqual({ candidate_preset: 0, candidate_sent: 0 });
    } finally {
      await after.close();
    }
  });
});
