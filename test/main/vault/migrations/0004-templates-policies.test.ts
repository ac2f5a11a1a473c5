import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openVaultDatabase } from '../../../../main/vault/database/open-vault-database';
import { MIGRATIONS } from '../../../../main/vault/migrations/registry';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

describe('migration 0004 templates-policies', () => {
  it('creates templates, their versions and policies, and links credentials to a policy', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const before = await openVaultDatabase(dir, Buffer.from(key), { mode: 'create', migrations: MIGRATIONS.filter((m) => m.id < 4) });
    await before.close();
    const vault = await openVaultDatabase(dir, Buffer.from(key), { mode: 'open', migrations: MIGRATIONS.filter((m) => m.id <= 4) });
    try {
      const { driver } = vault;
      const columns = (table: string) => (driver.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      expect(columns('templates')).toEqual(['id', 'name', 'executor', 'operation_type', 'active', 'builtin', 'current_version', 'created_at', 'updated_at']);
      expect(columns('template_versions')).toEqual(['template_id', 'version', 'body', 'variables', 'secret_values', 'created_at', 'created_by']);
      expect(columns('password_policies')).toEqual(['id', 'name', 'definition', 'criteria', 'priority', 'enabled', 'created_at', 'updated_at']);
      expect(columns('credentials')).toContain('policy_id');

      driver.prepare("INSERT INTO templates (name, executor, operation_type, current_version, created_at, updated_at) VALUES ('T', 'ssh', 'verify', 1, 'x', 'x')").run();
      driver.prepare("INSERT INTO template_versions (template_id, version, body, created_at, created_by) VALUES (1, 1, 'end', 'x', 'admin')").run();
      // Versions are kept: the same version twice is refused, names are unique regardless of case.
      expect(() => driver.prepare("INSERT INTO template_versions (template_id, version, body, created_at, created_by) VALUES (1, 1, 'x', 'x', 'a')").run()).toThrow(/UNIQUE|PRIMARY/);
      expect(() => driver.prepare("INSERT INTO templates (name, executor, operation_type, current_version, created_at, updated_at) VALUES ('t', 'ssh', 'verify', 1, 'x', 'x')").run()).toThrow(/UNIQUE/);
      expect(() => driver.prepare("INSERT INTO templates (name, executor, operation_type, current_version, created_at, updated_at) VALUES ('U', 'winrm', 'verify', 1, 'x', 'x')").run()).toThrow(/CHECK/);
    } finally {
      await vault.close();
    }
  });
});
