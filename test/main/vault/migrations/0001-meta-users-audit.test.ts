import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openVaultDatabase } from '../../../../main/vault/database/open-vault-database';
import { migration0001MetaUsersAudit } from '../../../../main/vault/migrations/0001-meta-users-audit';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();
const only0001 = [migration0001MetaUsersAudit];

interface ColumnInfo {
  readonly name: string;
  readonly type: string;
  readonly notnull: number;
  readonly pk: number;
}

describe('migration 0001 meta-users-audit', () => {
  it('creates meta, users and audit_log with their constraints', async () => {
    const dir = tempDir();
    const { db, driver, close } = await openVaultDatabase(dir, randomBytes(32), { mode: 'create', migrations: only0001 });
    try {
      const columns = (table: string) =>
        (driver.prepare(`PRAGMA table_info(${table})`).all() as ColumnInfo[]).map((c) => `${c.name}:${c.type.toLowerCase()}:${c.notnull}:${c.pk}`);
      expect(columns('meta')).toEqual(['key:text:1:1', 'value:text:1:0']);
      expect(columns('users')).toEqual([
        'id:text:1:1',
        'username:text:1:0',
        'role:text:1:0',
        'created_at:text:1:0',
        'disabled:integer:1:0',
      ]);
      expect(columns('audit_log')).toEqual([
        'id:integer:0:1',
        'at:text:1:0',
        'actor:text:1:0',
        'shell:text:1:0',
        'action:text:1:0',
        'object_type:text:0:0',
        'object_id:text:0:0',
        'details:text:1:0',
        'prev_hash:text:1:0',
        'hash:text:1:0',
      ]);

      const now = new Date().toISOString();
      await db.insertInto('users').values({ id: 'u1', username: 'Alice', role: 'administrator', created_at: now }).execute();
      expect((await db.selectFrom('users').select('disabled').executeTakeFirstOrThrow()).disabled).toBe(0);
      // Usernames are unique case-insensitively, roles and flags are checked.
      await expect(db.insertInto('users').values({ id: 'u2', username: 'alice', role: 'operator', created_at: now }).execute()).rejects.toThrow(/UNIQUE/);
      await expect(sql`INSERT INTO users (id, username, role, created_at) VALUES ('u3', 'bob', 'root', ${now})`.execute(db)).rejects.toThrow(/CHECK/);
      await expect(sql`INSERT INTO users (id, username, role, created_at, disabled) VALUES ('u4', 'carol', 'auditor', ${now}, 2)`.execute(db)).rejects.toThrow(/CHECK/);

      await sql`INSERT INTO audit_log (id, at, actor, shell, action, details, prev_hash, hash)
        VALUES (1, ${now}, 'system', 'system', 'test', '{}', 'p', 'h')`.execute(db);
      await expect(sql`UPDATE audit_log SET actor = 'x'`.execute(db)).rejects.toThrow(/append-only/);
      await expect(sql`DELETE FROM audit_log`.execute(db)).rejects.toThrow(/append-only/);
      await expect(sql`INSERT INTO audit_log (id, at, actor, shell, action, details, prev_hash, hash)
        VALUES (2, ${now}, 'system', 'browser', 'test', '{}', 'p', 'h2')`.execute(db)).rejects.toThrow(/CHECK/);

      expect(driver.prepare('SELECT version, name FROM schema_migrations').all()).toEqual([{ version: 1, name: 'meta-users-audit' }]);
    } finally {
      await close();
    }
  });

  it('is idempotent on reopen', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    await (await openVaultDatabase(dir, key, { mode: 'create', migrations: only0001 })).close();
    const again = await openVaultDatabase(dir, key, { mode: 'open', migrations: only0001 });
    try {
      expect(again.driver.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: 1 });
      expect(again.driver.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('meta', 'users', 'audit_log')").get()).toEqual({ n: 3 });
    } finally {
      await again.close();
    }
  });
});
