import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openVaultDatabase } from '../../../../main/vault/database/open-vault-database';
import { MIGRATIONS } from '../../../../main/vault/migrations/registry';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

describe('migration 0016 executors-device-shell', () => {
  it('adds the device shell and Telnet templates, keeping every template id and every reference to one', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const before = await openVaultDatabase(dir, Buffer.from(key), { mode: 'create', migrations: MIGRATIONS.filter((m) => m.id < 16) });
    before.driver.prepare("INSERT INTO devices (hostname, ip, created_at, updated_at) VALUES ('h', '10.0.0.1', 'x', 'x')").run();
    before.driver.prepare("INSERT INTO templates (id, name, executor, operation_type, current_version, created_at, updated_at, archived_at, archived_by) VALUES (7, 'Change it', 'ssh', 'change_password', 2, 'x', 'x', '2026-12-01T00:00:00.000Z', 'admin')").run();
    before.driver.prepare("INSERT INTO template_versions (template_id, version, body, created_at, created_by) VALUES (7, 1, 'end', 'x', 'a'), (7, 2, 'exec \"x\"', 'x', 'a')").run();
    expect(() => before.driver.prepare("INSERT INTO templates (name, executor, operation_type, current_version, created_at, updated_at) VALUES ('T', 'telnet', 'change_password', 1, 'x', 'x')").run()).toThrow(/CHECK/);
    before.driver
      .prepare("INSERT INTO credentials (identifier, kind, username, device_id, credential_type, status, in_sync, version, created_at, updated_at, change_template_id) VALUES ('c', 'password', 'u', 1, 'Local User', 'active', 'unknown', 1, 'x', 'x', 7)")
      .run();
    await before.close();

    const after = await openVaultDatabase(dir, Buffer.from(key), { mode: 'open', migrations: MIGRATIONS });
    try {
      // Every column survives the rebuild, 0014's archive columns included.
      expect(after.driver.prepare('SELECT id, name, executor, current_version, archived_at, archived_by FROM templates').all()).toEqual([
        { id: 7, name: 'Change it', executor: 'ssh', current_version: 2, archived_at: '2026-12-01T00:00:00.000Z', archived_by: 'admin' },
      ]);
      expect(after.driver.prepare('SELECT count(*) AS n FROM template_versions WHERE template_id = 7').get()).toEqual({ n: 2 });
      after.driver.prepare("INSERT INTO templates (name, executor, operation_type, current_version, created_at, updated_at) VALUES ('T', 'telnet', 'change_password', 1, 'x', 'x')").run();
      expect(() => after.driver.prepare("INSERT INTO templates (name, executor, operation_type, current_version, created_at, updated_at) VALUES ('W', 'winrm', 'change_password', 1, 'x', 'x')").run()).toThrow(/CHECK/);
      // The references still name the rebuilt table: in use, it cannot be deleted; versions still cascade.
      expect(() => after.driver.prepare('DELETE FROM templates WHERE id = 7').run()).toThrow(/FOREIGN KEY/);
      const schema = after.driver.prepare("SELECT group_concat(sql, ' ') AS s FROM sqlite_master WHERE sql IS NOT NULL").get() as { s: string };
      expect(schema.s).not.toContain('templates_0016');
      expect(after.driver.prepare('PRAGMA foreign_keys').get()).toEqual({ foreign_keys: 1 });

      expect(after.driver.prepare('SELECT shell FROM devices').get()).toEqual({ shell: null });
      after.driver.prepare("UPDATE devices SET shell = 'network-cli'").run();
      expect(() => after.driver.prepare("UPDATE devices SET shell = 'cmd.exe'").run()).toThrow(/CHECK/);
      after.driver.prepare("UPDATE credentials SET change_template_id = NULL").run();
      after.driver.prepare('DELETE FROM templates WHERE id = 7').run();
      expect(after.driver.prepare('SELECT count(*) AS n FROM template_versions WHERE template_id = 7').get()).toEqual({ n: 0 });
    } finally {
      await after.close();
    }
  });
});
