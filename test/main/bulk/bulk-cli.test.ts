import { describe, expect, it } from 'vitest';
import { insertMany } from '../../../main/vault/database/insert-many';
import { BULK_TASK_PAGE } from '../../../shared/domain/bulk';
import { ADMIN_ENV, seededVault } from '../../support/cli-runner';
import { useTempDirs } from '../../support/temp-dir';
import { testCore, WINDOW_A } from '../../support/test-core';

const tempDir = useTempDirs();

const OLGA = { PAMDESK_USER: 'olga', PAMDESK_PASSPHRASE: 'olga passphrase for tests' } as const;
const ANA = { PAMDESK_USER: 'ana', PAMDESK_PASSPHRASE: 'ana passphrase for tests' } as const;

async function bulkVault() {
  const dir = tempDir();
  const cli = await seededVault(dir);
  for (const [who, role] of [[OLGA, 'operator'], [ANA, 'approver']] as const) {
    expect((await cli(['user', 'add', who.PAMDESK_USER, '--role', role], { ...ADMIN_ENV, PAMDESK_NEW_PASSPHRASE: who.PAMDESK_PASSPHRASE })).code).toBe(0);
  }
  for (const [identifier, username, tags] of [['srv01-root', 'root', 'linux'], ['srv01-app', 'app', 'linux,prod']] as const) {
    const made = await cli(['credential', 'upsert'], ADMIN_ENV, JSON.stringify({ identifier, username, hostname: 'srv01', ip: '10.0.0.5', content: `pw-${username}-1`, tags }));
    expect(made.code, made.err).toBe(0);
  }
  return { dir, cli };
}

/** What the CLI cannot do itself: an administrator changing a role (no channel for it yet). */
async function promoteToApprover(dir: string, username: string): Promise<void> {
  const core = testCore(dir);
  try {
    expect(await core.call(WINDOW_A, 'session.unlock', { username: 'admin', passphrase: ADMIN_ENV.PAMDESK_PASSPHRASE })).toMatchObject({ ok: true });
    await core.sessions.vault().database.db.updateTable('users').set({ role: 'approver' }).where('username', '=', username).execute();
  } finally {
    await core.close();
  }
}

describe('pamdesk bulk', () => {
  it('requests an edit, refuses the requester approving it, and applies it on another approver\'s word', async () => {
    const { dir, cli } = await bulkVault();
    const requested = await cli(['bulk', 'request', '--action', 'edit', '--ids', '1,srv01-app', '--set', '{"tags":{"mode":"add","tags":["pci"]},"additional":"in PCI scope"}'], OLGA);
    expect(requested.code, requested.err).toBe(0);
    expect(requested.out).toMatch(/^Requested BULK-000001: edit of 2 credential\(s\), pending approval until /);

    const asOperator = await cli(['bulk', 'approve', 'BULK-000001', '--justification', 'mine'], OLGA);
    expect(asOperator.code).toBe(1);
    expect(asOperator.err).toMatch(/does not allow this action \(bulk.approve\)/);
    await promoteToApprover(dir, 'olga');
    const own = await cli(['bulk', 'approve', 'BULK-000001', '--justification', 'mine'], OLGA);
    expect(own.code).toBe(1);
    expect(own.err).toMatch(/You cannot approve your own request: BULK-000001 was requested by olga/);
    expect((await cli(['bulk', 'approve', '1'], ANA)).code).toBe(2);

    const approved = await cli(['bulk', 'approve', '1', '--justification', 'PCI scope review 2026-Q2'], ANA);
    expect(approved).toMatchObject({ code: 0, out: 'BULK-000001: Success. Applied to 2 credential(s).' });
    const shown = JSON.parse((await cli(['bulk', 'show', 'BULK-000001', '--json'], ANA)).out) as { state: string; decisions: unknown[]; tasks: { identifier: string; status: string; changes: unknown[] }[] };
    expect(shown).toMatchObject({ state: 'Success', decisions: [{ approver: 'ana', decision: 'approve', justification: 'PCI scope review 2026-Q2' }] });
    expect(shown.tasks).toEqual([
      { credentialId: 1, identifier: 'srv01-root', status: 'success', message: null, changes: [{ field: 'additional', from: null, to: 'in PCI scope' }, { field: 'tags', from: ['linux'], to: ['linux', 'pci'] }] },
      { credentialId: 2, identifier: 'srv01-app', status: 'success', message: null, changes: [{ field: 'additional', from: null, to: 'in PCI scope' }, { field: 'tags', from: ['linux', 'prod'], to: ['linux', 'prod', 'pci'] }] },
    ]);
    const credential = JSON.parse((await cli(['credential', 'show', 'srv01-app', '--json'], ADMIN_ENV)).out) as { tags: string[]; additional: string };
    expect(credential).toMatchObject({ tags: ['linux', 'prod', 'pci'], additional: 'in PCI scope' });
    const text = await cli(['bulk', 'show', '1'], ANA);
    expect(text.out).toContain('approved by ana at');
    expect(text.out).toContain('tags: ["linux"] -> ["linux","pci"]');
  });

  it('rejects with a justification, lists, and refuses what cannot be requested', async () => {
    const { cli } = await bulkVault();
    expect((await cli(['bulk', 'request', '--action', 'disable', '--ids', '1'], OLGA)).code).toBe(0);
    const rejected = await cli(['bulk', 'reject', 'BULK-000001', '--justification', 'root is still needed'], ANA);
    expect(rejected).toMatchObject({ code: 0, out: 'BULK-000001: Rejected. Rejected by ana.' });
    expect((await cli(['bulk', 'show', '1'], OLGA)).out).toContain('rejected by ana at');
    const list = JSON.parse((await cli(['bulk', 'list', '--json'], ANA)).out) as { total: number; rows: { code: string; state: string; rejections: number }[] };
    expect(list).toMatchObject({ total: 1, rows: [{ code: 'BULK-000001', state: 'Rejected', rejections: 1 }] });
    expect((await cli(['bulk', 'list'], ANA)).out).toMatch(/^BULK-000001 {2}Rejected/);

    const enableActive = await cli(['bulk', 'request', '--action', 'enable', '--ids', '1,2'], OLGA);
    expect(enableActive.code).toBe(1);
    expect(enableActive.err).toMatch(/2 of the 2 selected credentials cannot be part of this enable: srv01-root is already active/);
    expect((await cli(['bulk', 'request', '--action', 'edit', '--ids', '1'], OLGA)).code).toBe(2);
    expect((await cli(['bulk', 'request', '--action', 'edit', '--ids', '1', '--set', '{"password":"x"}'], OLGA)).err).toMatch(/changes: Unrecognized key: "password"\). Correct it and try again/);
    expect((await cli(['bulk', 'request', '--action', 'purge', '--ids', '1'], OLGA)).code).toBe(2);
  });

  it('shows every task of a request longer than one page', async () => {
    const { dir, cli } = await bulkVault();
    const count = BULK_TASK_PAGE + 20;
    const core = testCore(dir);
    try {
      expect(await core.call(WINDOW_A, 'session.unlock', { username: 'admin', passphrase: ADMIN_ENV.PAMDESK_PASSPHRASE })).toMatchObject({ ok: true });
      const db = core.sessions.vault().database.db;
      const device = await db.selectFrom('devices').select('id').executeTakeFirstOrThrow();
      const rows = Array.from({ length: count }, (_, i) => ({ identifier: `many-${i}`, username: `many${i}`, device_id: device.id, created_at: 't', updated_at: 't' }));
      await insertMany(db, 'credentials', rows);
    } finally {
      await core.close();
    }
    const ids = Array.from({ length: count }, (_, i) => 3 + i).join(',');
    expect((await cli(['bulk', 'request', '--action', 'disable', '--ids', ids], OLGA)).code).toBe(0);
    const shown = JSON.parse((await cli(['bulk', 'show', 'BULK-000001', '--json'], ANA)).out) as { tasks: { identifier: string }[] };
    expect(shown.tasks.map((t) => t.identifier)).toEqual(Array.from({ length: count }, (_, i) => `many-${i}`));
  });

  it('has help for every bulk command, naming what it requires', async () => {
    const { cli } = await bulkVault();
    for (const [word, needs] of [['preview', 'bulk.request'], ['request', 'bulk.request'], ['list', 'bulk.read'], ['show', 'bulk.read'], ['approve', 'bulk.approve'], ['reject', 'bulk.approve'], ['cancel', 'bulk.request']] as const) {
      const help = await cli(['bulk', word, '--help']);
      expect(help.code).toBe(0);
      expect(help.out).toMatch(new RegExp(`^Usage: pamdesk bulk ${word}`));
      expect(help.out).toContain(`Requires: the ${needs} permission.`);
    }
  });
});
