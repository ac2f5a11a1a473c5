import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UNLOCK_INBOX_FILE, UNLOCK_JOURNAL_FILE } from '../../../main/session/unlock-failure-journal';
import { openVault } from '../../../main/vault/open-vault';
import { ADMIN_ENV, seededVault } from '../../support/cli-runner';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const ROOT = resolve(__dirname, '..', '..', '..');

/** A real, short-lived `pamdesk` process: it exits as soon as its unlock fails. */
function cliProcess(dataDir: string, env: Record<string, string>, args: readonly string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'main', 'cli', 'main.ts'), ...args, '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

async function auditOf(dataDir: string) {
  const vault = await openVault(dataDir, 'admin', ADMIN_ENV.PAMDESK_PASSPHRASE);
  try {
    return await vault.database.db.selectFrom('audit_log').select(['actor', 'shell', 'action', 'details']).orderBy('id').execute();
  } finally {
    await vault.close();
  }
}

describe('failed unlocks in a process that exits right after', () => {
  it('are journaled sealed, then audited once by the next unlock', async () => {
    const dir = tempDir();
    const cli = await seededVault(dir);
    expect(existsSync(join(dir, UNLOCK_INBOX_FILE))).toBe(true);

    for (const username of ['admin', 'mallory-guess']) {
      const failed = cliProcess(dir, { PAMDESK_USER: username, PAMDESK_PASSPHRASE: 'not the passphrase at all' }, ['credential', 'list']);
      expect(failed.status, failed.stderr).toBe(1);
    }
    // On disk until the next unlock, and sealed: no username in the clear (like the key file).
    const journal = readFileSync(join(dir, UNLOCK_JOURNAL_FILE), 'utf8');
    expect(journal.trim().split('\n')).toHaveLength(2);
    expect(journal).not.toMatch(/admin|mallory/);

    expect((await cli(['credential', 'list'], ADMIN_ENV)).code).toBe(0);
    expect(existsSync(join(dir, UNLOCK_JOURNAL_FILE))).toBe(false);
    expect((await cli(['credential', 'list'], ADMIN_ENV)).code).toBe(0);

    const failures = (await auditOf(dir)).filter((entry) => entry.action === 'session.unlock_failed');
    expect(failures.map((entry) => ({ actor: entry.actor, shell: entry.shell, ...(JSON.parse(entry.details) as object) }))).toEqual([
      { actor: 'system', shell: 'cli', username: 'admin', at: expect.stringMatching(/^\d{4}-/), failedIn: 'cli' },
      { actor: 'system', shell: 'cli', username: 'mallory-guess', at: expect.stringMatching(/^\d{4}-/), failedIn: 'cli' },
    ]);
  }, 120_000);

  it('audits a journal line that was tampered with as unreadable instead of dropping it', async () => {
    const dir = tempDir();
    const cli = await seededVault(dir);
    expect((await cli(['credential', 'list'], { PAMDESK_USER: 'admin', PAMDESK_PASSPHRASE: 'wrong passphrase here' })).code).toBe(1);
    appendFileSync(join(dir, UNLOCK_JOURNAL_FILE), `${Buffer.from('x'.repeat(80)).toString('base64')}\n`);
    expect((await cli(['credential', 'list'], ADMIN_ENV)).code).toBe(0);
    const actions = (await auditOf(dir)).map((entry) => entry.action);
    expect(actions.filter((a) => a === 'session.unlock_failed')).toHaveLength(1);
    expect(actions).toContain('session.unlock_journal_unreadable');
  });
});
