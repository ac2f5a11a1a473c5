import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openVaultDatabase } from '../../../../main/vault/database/open-vault-database';
import type { Migration } from '../../../../main/vault/migration';
import { MIGRATIONS } from '../../../../main/vault/migrations/registry';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

const addWidgets: Migration = {
  id: (MIGRATIONS.at(-1)?.id ?? 0) + 1,
  name: 'widgets',
  async up(db) {
    await db.schema.createTable('widgets').addColumn('id', 'integer', (col) => col.primaryKey()).execute();
  },
};

const broken: Migration = {
  id: (MIGRATIONS.at(-1)?.id ?? 0) + 1,
  name: 'broken',
  async up(db) {
    await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
    await sql`THIS IS NOT SQL`.execute(db);
  },
};

const versions = (driver: { prepare(sql: string): { all(): unknown[] } }) =>
  driver.prepare('SELECT version FROM schema_migrations ORDER BY version').all();

describe('runMigrations', () => {
  it('applies the migrations a vault created by an older build lacks', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    await (await openVaultDatabase(dir, key, { mode: 'create', migrations: MIGRATIONS.slice(0, 1) })).close();
    const upgraded = await openVaultDatabase(dir, key, { mode: 'open', migrations: [...MIGRATIONS, addWidgets] });
    try {
      expect(versions(upgraded.driver)).toEqual([...MIGRATIONS, addWidgets].map((m) => ({ version: m.id })));
      expect(upgraded.driver.prepare("SELECT name FROM sqlite_master WHERE name = 'widgets'").get()).toEqual({ name: 'widgets' });
    } finally {
      await upgraded.close();
    }
  });

  it('rolls back a failing migration and leaves the vault at the previous version', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    await (await openVaultDatabase(dir, key, { mode: 'create' })).close();
    await expect(openVaultDatabase(dir, key, { mode: 'open', migrations: [...MIGRATIONS, broken] })).rejects.toMatchObject({
      code: 'migration-failed',
    });
    const reopened = await openVaultDatabase(dir, key, { mode: 'open' });
    try {
      expect(versions(reopened.driver)).toEqual(MIGRATIONS.map((m) => ({ version: m.id })));
      expect(reopened.driver.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    } finally {
      await reopened.close();
    }
  });

  it('refuses a vault whose schema is newer than this build', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    await (await openVaultDatabase(dir, key, { mode: 'create', migrations: [...MIGRATIONS, addWidgets] })).close();
    await expect(openVaultDatabase(dir, key, { mode: 'open' })).rejects.toMatchObject({ code: 'newer-schema' });
  });

  it('refuses a registry out of order (a gap is allowed: parallel branches reserve numbers)', async () => {
    const dir = tempDir();
    await expect(openVaultDatabase(dir, randomBytes(32), { mode: 'create', migrations: [...MIGRATIONS, { ...addWidgets, id: 3 }] })).rejects.toThrow(
      /registry is out of order/,
    );
  });
});
