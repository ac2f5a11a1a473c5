import { describe, expect, it } from 'vitest';
import { withSlotDatabase } from '../../support/audit-attacks';
import { ADMIN_ENV, seededVault } from '../../support/cli-runner';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

async function entriesAfter(dir: string, id: number): Promise<{ id: number; actor: string; shell: string; action: string; details: string; signer: string | null }[]> {
  let rows: { id: number; actor: string; shell: string; action: string; details: string; signer: string | null }[] = [];
  await withSlotDatabase(dir, 'admin', ADMIN_ENV.PAMDESK_PASSPHRASE, (driver) => {
    rows = driver.prepare('SELECT id, actor, shell, action, details, signer FROM audit_log WHERE id > ? ORDER BY id').all(id) as typeof rows;
  });
  return rows;
}

describe('a CLI command in the audit trail', () => {
  it('is one signed cli.command entry naming the command, without a sign-in and a lock around it', async () => {
    const dir = tempDir();
    const cli = await seededVault(dir);
    const [last] = (await entriesAfter(dir, 0)).slice(-1);
    expect((await cli(['credential', 'list', '--json'], ADMIN_ENV)).code).toBe(0);
    const added = await entriesAfter(dir, last?.id ?? 0);
    expect(added.map((e) => [e.actor, e.shell, e.action, JSON.parse(e.details) as unknown, e.signer])).toEqual([['admin', 'cli', 'cli.command', { command: 'credential list' }, 'admin']]);
    // A command that changes something records its change too, and still no lock.
    expect((await cli(['domain', 'add', 'other.example'], ADMIN_ENV)).code).toBe(0);
    const after = await entriesAfter(dir, (last?.id ?? 0) + 1);
    expect(after.map((e) => e.action)).toEqual(['cli.command', 'domain.create']);
  });
});
