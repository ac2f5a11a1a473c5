import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openVaultDatabase } from '../../../../main/vault/database/open-vault-database';
import { MIGRATIONS } from '../../../../main/vault/migrations/registry';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

describe('migration 0008 siem-queue', () => {
  it('creates the SIEM outbox on a vault made by 0007, one row per source entry', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const before = await openVaultDatabase(dir, Buffer.from(key), { mode: 'create', migrations: MIGRATIONS.filter((m) => m.id < 8) });
    await before.close();
    const vault = await openVaultDatabase(dir, Buffer.from(key), { mode: 'open', migrations: MIGRATIONS });
    try {
      const { driver } = vault;
      expect((driver.prepare('PRAGMA table_info(siem_queue)').all() as { name: string }[]).map((c) => c.name)).toEqual(['id', 'source', 'source_id', 'message', 'attempts', 'next_attempt_at', 'last_error', 'created_at']);
      const insert = (source: string, id: number) => driver.prepare("INSERT INTO siem_queue (source, source_id, message, next_attempt_at, created_at) VALUES (?, ?, 'm', 'x', 'x')").run(source, id);
      insert('audit', 1);
      insert('attempt', 1);
      expect(() => insert('audit', 1)).toThrow(/UNIQUE/);
      expect(() => insert('email', 2)).toThrow(/CHECK/);
      expect(driver.prepare('SELECT attempts FROM siem_queue WHERE id = 1').get()).toEqual({ attempts: 0 });
    } finally {
      await vault.close();
    }
  });
});
