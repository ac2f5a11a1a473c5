import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openVaultDatabase } from '../../../../main/vault/database/open-vault-database';
import { MIGRATIONS } from '../../../../main/vault/migrations/registry';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

describe('migration 0005 operations', () => {
  it('creates operations and attempts with their states, and the trigger columns on credentials', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const before = await openVaultDatabase(dir, Buffer.from(key), { mode: 'create', migrations: MIGRATIONS.filter((m) => m.id < 5) });
    await before.close();
    const vault = await openVaultDatabase(dir, Buffer.from(key), { mode: 'open', migrations: MIGRATIONS });
    try {
      const { driver } = vault;
      const columns = (table: string) => (driver.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      expect(columns('operations')).toEqual(
        expect.arrayContaining(['code', 'type', 'credential_id', 'device_id', 'template_id', 'template_version', 'requester', 'trigger', 'scheduled_at', 'priority', 'state', 'attempts_made', 'lease_owner', 'lease_expires_at', 'candidate_secret', 'base_version']),
      );
      expect(columns('attempts')).toEqual(['id', 'operation_id', 'number', 'started_at', 'ended_at', 'outcome', 'transcript', 'error', 'runner']);
      expect(columns('credentials')).toEqual(expect.arrayContaining(['first_manual_change_at', 'trigger_counters_reset_at', 'needs_human_interaction']));
      driver.prepare("INSERT INTO devices (hostname, ip, created_at, updated_at) VALUES ('h', '10.0.0.1', 'x', 'x')").run();
      driver.prepare("INSERT INTO credentials (identifier, kind, username, device_id, credential_type, status, in_sync, version, created_at, updated_at) VALUES ('c', 'password', 'u', 1, 'Local User', 'active', 'unknown', 1, 'x', 'x')").run();
      const insert = (state: string) =>
        driver
          .prepare(`INSERT INTO operations (code, type, credential_id, device_id, requester, trigger, scheduled_at, state, next_attempt_at, created_at, updated_at) VALUES (?, 'verify', 1, 1, 'a', 'manual', 'x', ?, 'x', 'x', 'x')`)
          .run(`OP-${state}`, state);
      for (const state of ['Scheduled', 'AwaitingApproval', 'Canceled', 'Running', 'Success', 'Error', 'Expired', 'Unverified']) insert(state);
      expect(() => insert('Done')).toThrow(/CHECK/);
    } finally {
      await vault.close();
    }
  });
});
