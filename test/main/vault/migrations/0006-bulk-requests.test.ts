import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openVaultDatabase } from '../../../../main/vault/database/open-vault-database';
import { MIGRATIONS } from '../../../../main/vault/migrations/registry';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

describe('migration 0006 bulk requests', () => {
  it('creates requests, decisions and tasks with their checks on a vault made by 0005', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const before = await openVaultDatabase(dir, Buffer.from(key), { mode: 'create', migrations: MIGRATIONS.filter((m) => m.id < 6) });
    await before.close();
    const vault = await openVaultDatabase(dir, Buffer.from(key), { mode: 'open', migrations: MIGRATIONS });
    try {
      const { driver } = vault;
      const columns = (table: string) => (driver.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      expect(columns('bulk_requests')).toEqual(['id', 'code', 'action', 'requested_by', 'requested_by_user_id', 'requested_at', 'expires_at', 'state', 'changes', 'credential_count', 'decided_at', 'applied_at', 'message']);
      expect(columns('bulk_decisions')).toEqual(['id', 'request_id', 'approver', 'approver_user_id', 'decision', 'justification', 'decided_at']);
      expect(columns('bulk_tasks')).toEqual(['id', 'request_id', 'credential_id', 'identifier', 'from_values', 'to_values', 'status', 'message']);

      const request = (code: string, action: string, state: string) =>
        driver
          .prepare("INSERT INTO bulk_requests (code, action, requested_by, requested_by_user_id, requested_at, expires_at, state, credential_count) VALUES (?, ?, 'olga', 'u1', 'x', 'y', ?, 1)")
          .run(code, action, state);
      for (const [i, state] of ['Pending approval', 'Running', 'Success', 'Error', 'Canceled', 'Expired', 'Rejected'].entries()) request(`BULK-00000${i}`, 'edit', state);
      expect(() => request('BULK-000100', 'edit', 'Pending execution')).toThrow(/CHECK/);
      expect(() => request('BULK-000101', 'delete', 'Success')).toThrow(/CHECK/);
      expect(() => request('BULK-000000', 'enable', 'Success')).toThrow(/UNIQUE/);

      const decide = (decision: string, justification: string) =>
        driver.prepare("INSERT INTO bulk_decisions (request_id, approver, approver_user_id, decision, justification, decided_at) VALUES (1, 'ana', 'u2', ?, ?, 'x')").run(decision, justification);
      decide('approve', 'checked with the owner');
      expect(() => decide('reject', '   ')).toThrow(/CHECK/);
      expect(() => decide('maybe', 'why not')).toThrow(/CHECK/);

      const task = (credentialId: number, status: string) =>
        driver.prepare("INSERT INTO bulk_tasks (request_id, credential_id, identifier, from_values, to_values, status) VALUES (1, ?, 'c', '{}', '{}', ?)").run(credentialId, status);
      // credential_id is deliberately not a foreign key: the report outlives deleted credentials.
      task(999, 'pending');
      expect(() => task(999, 'success')).toThrow(/UNIQUE/);
      expect(() => task(1000, 'done')).toThrow(/CHECK/);
      driver.prepare('DELETE FROM bulk_requests WHERE id = 1').run();
      expect(driver.prepare('SELECT count(*) AS n FROM bulk_tasks').get()).toEqual({ n: 0 });
      expect(driver.prepare('SELECT count(*) AS n FROM bulk_decisions').get()).toEqual({ n: 0 });
    } finally {
      await vault.close();
    }
  });
});
