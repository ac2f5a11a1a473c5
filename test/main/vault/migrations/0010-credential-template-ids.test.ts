import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openVaultDatabase } from '../../../../main/vault/database/open-vault-database';
import { MIGRATIONS } from '../../../../main/vault/migrations/registry';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

describe('migration 0010 credential-template-ids', () => {
  it('links existing credentials to the templates their execution settings name, and the foreign key then refuses deleting one in use', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const before = await openVaultDatabase(dir, Buffer.from(key), { mode: 'create', migrations: MIGRATIONS.filter((m) => m.id < 10) });
    before.driver.prepare("INSERT INTO devices (hostname, ip, created_at, updated_at) VALUES ('h', '10.0.0.1', 'x', 'x')").run();
    before.driver.prepare("INSERT INTO templates (name, executor, operation_type, current_version, created_at, updated_at) VALUES ('Change it', 'ssh', 'change_password', 1, 'x', 'x')").run();
    before.driver.prepare("INSERT INTO templates (name, executor, operation_type, current_version, created_at, updated_at) VALUES ('Reconcile it', 'ssh', 'reconcile', 1, 'x', 'x')").run();
    const insert = before.driver.prepare("INSERT INTO credentials (identifier, kind, username, device_id, credential_type, status, in_sync, version, created_at, updated_at, execution_settings) VALUES (?, 'password', ?, 1, 'Local User', 'active', 'unknown', 1, 'x', 'x', ?)");
    insert.run('linked', 'u1', JSON.stringify({ change_template: 'Change it', reconciliation_template: 'Reconcile it' }));
    insert.run('unknown-name', 'u2', JSON.stringify({ change_template: 'Gone' }));
    insert.run('no-settings', 'u3', null);
    await before.close();
    const after = await openVaultDatabase(dir, Buffer.from(key), { mode: 'open', migrations: MIGRATIONS });
    try {
      const rows = after.driver.prepare('SELECT identifier, change_template_id, reconciliation_template_id FROM credentials ORDER BY id').all();
      expect(rows).toEqual([
        { identifier: 'linked', change_template_id: 1, reconciliation_template_id: 2 },
        { identifier: 'unknown-name', change_template_id: null, reconciliation_template_id: null },
        { identifier: 'no-settings', change_template_id: null, reconciliation_template_id: null },
      ]);
      expect(() => after.driver.prepare('DELETE FROM templates WHERE id = 1').run()).toThrow(/FOREIGN KEY/);
    } finally {
      await after.close();
    }
  });
});
