import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openVaultDatabase } from '../../../../main/vault/database/open-vault-database';
import { MIGRATIONS } from '../../../../main/vault/migrations/registry';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

describe('migration 0003 credential-views', () => {
  it('adds the view counter and last view time to credentials, indexed, on a vault made before it', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const before = await openVaultDatabase(dir, Buffer.from(key), { mode: 'create', migrations: MIGRATIONS.filter((m) => m.id < 3) });
    before.driver.prepare("INSERT INTO devices (hostname, ip, created_at, updated_at) VALUES ('h', '10.0.0.1', 'x', 'x')").run();
    before.driver
      .prepare(
        "INSERT INTO credentials (identifier, kind, username, device_id, credential_type, status, in_sync, version, created_at, updated_at) VALUES ('c1', 'password', 'u', 1, 'Local User', 'active', 'unknown', 1, 'x', 'x')",
      )
      .run();
    await before.close();

    const after = await openVaultDatabase(dir, Buffer.from(key), { mode: 'open', migrations: MIGRATIONS });
    try {
      const columns = (after.driver.prepare('PRAGMA table_info(credentials)').all() as { name: string; notnull: number; dflt_value: string | null }[]).filter((c) =>
        ['view_count', 'last_viewed_at'].includes(c.name),
      );
      expect(columns).toEqual([
        { name: 'view_count', notnull: 1, dflt_value: '0', type: 'integer', cid: expect.any(Number), pk: 0 },
        { name: 'last_viewed_at', notnull: 0, dflt_value: null, type: 'text', cid: expect.any(Number), pk: 0 },
      ].map((c) => expect.objectContaining({ name: c.name, notnull: c.notnull, dflt_value: c.dflt_value })));
      expect(after.driver.prepare("SELECT view_count, last_viewed_at FROM credentials WHERE identifier = 'c1'").get()).toEqual({ view_count: 0, last_viewed_at: null });
      const indexes = after.driver.prepare('PRAGMA index_list(credentials)').all() as { name: string }[];
      expect(indexes.map((i) => i.name)).toContain('credentials_last_viewed_at');
    } finally {
      await after.close();
    }
    // Re-opening applies nothing twice.
    const again = await openVaultDatabase(dir, Buffer.from(key), { mode: 'open', migrations: MIGRATIONS });
    await again.close();
  });
});
