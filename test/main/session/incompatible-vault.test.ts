import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core/create-core';
import { MIGRATIONS } from '../../../main/vault/migrations/registry';
import { useTempDirs } from '../../support/temp-dir';
import { testCore, WINDOW_A } from '../../support/test-core';

const tempDir = useTempDirs();
const open: Core[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
});

const ADMIN = { username: 'admin', passphrase: 'admin passphrase for schema tests' };

/** A vault whose schema_migrations says a migration this build does not have was applied to it. */
async function vaultWithForeignMigration(row: { version: number; name: string }): Promise<ReturnType<typeof testCore>> {
  const core = testCore(tempDir());
  open.push(core);
  expect(await core.call(WINDOW_A, 'vault.create', ADMIN)).toMatchObject({ ok: true });
  core.sessions.vault().database.driver.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(row.version, row.name, new Date().toISOString());
  expect(await core.call(WINDOW_A, 'session.lock', {})).toMatchObject({ ok: true });
  return core;
}

describe('unlocking a vault this build cannot open says why, not "internal error"', () => {
  it('a vault from a newer pamdesk: update pamdesk', async () => {
    const newest = MIGRATIONS.at(-1)?.id ?? 0;
    const core = await vaultWithForeignMigration({ version: newest + 1, name: 'from-the-future' });
    const result = await core.call(WINDOW_A, 'session.unlock', ADMIN);
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(JSON.stringify(result)).toMatch(new RegExp(`schema version ${newest + 1}, newer than this pamdesk knows \\(${newest}\\); update pamdesk`));
  });

  it('a vault from another build (a migration number this build skipped): names the version', async () => {
    const core = await vaultWithForeignMigration({ version: 0, name: 'branch-only' });
    const result = await core.call(WINDOW_A, 'session.unlock', ADMIN);
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(JSON.stringify(result)).toMatch(/schema version 0, which this pamdesk does not have; the vault comes from another build/);
  });
});
