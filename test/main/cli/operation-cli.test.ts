import { closeSync, openSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_ENV, cliFor, seededVault } from '../../support/cli-runner';
import { startLinuxTarget, type LinuxTarget } from '../../support/targets/linux-sshd';
import { tryPasswordLogin } from '../../support/targets/try-password-login';
import { useTempDirs } from '../../support/temp-dir';
import { testCore, WINDOW_A } from '../../support/test-core';

const tempDir = useTempDirs();
let target: LinuxTarget | undefined;
afterEach(async () => {
  await target?.stop();
  target = undefined;
});

/** At a desk the prompt would wait for the operator; the no-terminal answer is checked without one. */
function hasTerminal(): boolean {
  try {
    closeSync(openSync('/dev/tty', 'r'));
    return true;
  } catch {
    return false;
  }
}

const RECONCILIATION = {
  automatic_change: true,
  change_plugin: 'SSH',
  change_template: 'Linux - Change own password',
  use_own_credential_to_connect: true,
  reconciliation_credential: 'lx-root',
  reconciliation_plugin: 'SSH',
  reconciliation_template: 'Linux - Reconcile password as root',
};

describe('pamdesk reconcile', () => {
  it('reconciles a credential whose vault secret is lost, on the real sshd, through the CLI runner', async () => {
    target = await startLinuxTarget({ accounts: [{ username: 'cora', password: 'cora-real-pw' }], rootPassword: 'root-cli-pw' });
    const cli = cliFor(tempDir());
    expect((await cli(['vault', 'init'], { PAMDESK_USER: 'admin', PAMDESK_NEW_PASSPHRASE: ADMIN_ENV.PAMDESK_PASSPHRASE })).code).toBe(0);
    const device = await cli(['device', 'upsert'], ADMIN_ENV, JSON.stringify({ hostname: 'lx', ip: target.host, connectivities: `SSH:${target.port}` }));
    expect(device.code, device.err).toBe(0);
    const trust = await cli(['device', 'trust', 'lx', '--fingerprint', target.hostKeyFingerprint], ADMIN_ENV);
    expect(trust.code, trust.err).toBe(0);
    for (const [identifier, username, content, settings] of [
      ['lx-root', 'root', 'root-cli-pw', undefined],
      ['lx-cora', 'cora', 'cora-lost-pw', RECONCILIATION],
    ] as const) {
      const made = await cli(['credential', 'upsert'], ADMIN_ENV, JSON.stringify({ identifier, username, hostname: 'lx', ip: target.host, content, ...(settings ? { execution_settings: settings } : {}) }));
      expect(made.code, made.err).toBe(0);
    }
    const refused = await cli(['reconcile', 'lx-root'], ADMIN_ENV);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('lx-root has no reconciliation credential and no reconciliation template configured');
    const requested = await cli(['reconcile', 'lx-cora', '--json'], ADMIN_ENV);
    expect(requested.code, requested.err).toBe(0);
    const result = JSON.parse(requested.out) as { scheduled: { code: string }[]; refused: unknown[] };
    expect(result.refused).toEqual([]);
    const code = result.scheduled[0]?.code ?? '';
    expect((await cli(['runner', '--until-idle'], ADMIN_ENV)).code).toBe(0);
    const shown = await cli(['operations', 'show', code, '--json'], ADMIN_ENV);
    expect(JSON.parse(shown.out)).toMatchObject({ code, type: 'reconcile', state: 'Success', requester: 'admin' });
    const revealed = await cli(['credential', 'show', 'lx-cora', '--reveal', '--json'], ADMIN_ENV);
    const secret = (JSON.parse(revealed.out) as { secret: string; in_sync: string }).secret;
    expect(secret).not.toBe('cora-lost-pw');
    expect(await tryPasswordLogin(target, 'cora', secret)).toBe('accepted');
    expect(await tryPasswordLogin(target, 'cora', 'cora-real-pw')).toBe('rejected');
  });
});

describe('pamdesk credential reset', () => {
  it('takes a typed secret from PAMDESK_NEW_SECRET only (vault-only), refuses to drop InSync unconfirmed, and generates without printing', async () => {
    const dir = tempDir();
    const cli = await seededVault(dir);
    expect((await cli(['credential', 'upsert'], ADMIN_ENV, JSON.stringify({ identifier: 'srv01-app', username: 'app', hostname: 'srv01', ip: '10.0.0.5', content: 'app-pw-1' }))).code).toBe(0);
    const typed = await cli(['credential', 'reset', 'srv01-app', '--vault-only', '--json'], { ...ADMIN_ENV, PAMDESK_NEW_SECRET: 'app-pw-typed-2' });
    expect(typed.code, typed.err).toBe(0);
    expect(JSON.parse(typed.out)).toMatchObject({ mode: 'vault' });
    expect(typed.out + typed.err).not.toContain('app-pw-typed-2');
    const shown = JSON.parse((await cli(['credential', 'show', 'srv01-app', '--reveal', '--json'], ADMIN_ENV)).out) as { secret: string };
    expect(shown.secret).toBe('app-pw-typed-2');

    // A flag is never a way in for a secret: there is no such option.
    expect((await cli(['credential', 'reset', 'srv01-app', '--secret', 'x'], ADMIN_ENV)).code).toBe(2);

    // Mark it InSync (as a verify would): a vault-only reset must then be confirmed.
    const db = testCore(dir);
    try {
      await db.call(WINDOW_A, 'session.unlock', { username: 'admin', passphrase: ADMIN_ENV.PAMDESK_PASSPHRASE });
      await db.sessions.vault().database.db.updateTable('credentials').set({ in_sync: 'InSync' }).where('identifier', '=', 'srv01-app').execute();
    } finally {
      await db.close();
    }
    const unconfirmed = await cli(['credential', 'reset', 'srv01-app', '--vault-only', '--generate'], ADMIN_ENV);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.err).toMatch(/InSync/);
    const generated = await cli(['credential', 'reset', 'srv01-app', '--vault-only', '--generate', '--accept-insync-loss'], ADMIN_ENV);
    expect(generated.code, generated.err).toBe(0);
    const after = JSON.parse((await cli(['credential', 'show', 'srv01-app', '--reveal', '--json'], ADMIN_ENV)).out) as { secret: string };
    expect(after.secret).not.toBe('app-pw-typed-2');
    expect(generated.out + generated.err).not.toContain(after.secret);
  });

  // With a terminal (a developer's shell) the CLI would prompt for the secret instead: this case
  // exists only without one, as on CI (no stdin, no tty), where it always runs.
  const withTerminal = hasTerminal();
  it.skipIf(withTerminal)(`without PAMDESK_NEW_SECRET and without a terminal, says how to give the secret${withTerminal ? ' (skipped: this process has a terminal, so the CLI would prompt; CI has none)' : ''}`, async () => {
    const cli = await seededVault(tempDir());
    expect((await cli(['credential', 'upsert'], ADMIN_ENV, JSON.stringify({ identifier: 'srv01-db', username: 'db', hostname: 'srv01', ip: '10.0.0.5', content: 'db-pw-1' }))).code).toBe(0);
    const run = await cli(['credential', 'reset', 'srv01-db', '--vault-only'], { ...ADMIN_ENV });
    expect(run.code).toBe(2);
    expect(run.err).toContain('no terminal to ask for the new secret: set PAMDESK_NEW_SECRET in the environment');
  });
});

describe('pamdesk operations and attempts', () => {
  it('lists with the Tags and Website filters, shows one operation, lists attempts, all with --json', async () => {
    const dir = tempDir();
    const cli = await seededVault(dir);
    for (const device of [
      { hostname: 'portal.example.com', ip: '10.9.0.1', connectivities: 'HTTPS:443', device_tags: 'prod,web' },
      { hostname: 'db1', ip: '10.9.0.2', connectivities: 'SSH:22', device_tags: 'production' },
    ]) {
      expect((await cli(['device', 'upsert'], ADMIN_ENV, JSON.stringify(device))).code).toBe(0);
      const identifier = `svc-${device.ip.replace(/\./g, '-')}`;
      expect((await cli(['credential', 'upsert'], ADMIN_ENV, JSON.stringify({ identifier, username: 'svc', hostname: device.hostname, ip: device.ip, content: 'svc-pw' }))).code).toBe(0);
      expect((await cli(['verify', identifier], ADMIN_ENV)).code).toBe(0);
    }
    const list = async (...args: string[]) => (JSON.parse((await cli(['operations', 'list', ...args, '--json'], ADMIN_ENV)).out) as { rows: { code: string; hostname: string }[] }).rows.map((r) => r.hostname);
    expect(await list('--tag', 'prod')).toEqual(['portal.example.com']);
    expect(await list('--tag', 'prod', '--tag', 'production')).toEqual(['db1', 'portal.example.com']);
    expect(await list('--website', 'https://portal.example.com/login')).toEqual(['portal.example.com']);
    expect(await list('--website', 'db1')).toEqual([]);
    expect(await list('--credential', 'svc-10-9-0-2', '--state', 'Scheduled', '--type', 'verify')).toEqual(['db1']);
    expect((await cli(['operations', 'list', '--state', 'Done'], ADMIN_ENV)).code).toBe(2);
    const shown = await cli(['operations', 'show', 'OP-000001'], ADMIN_ENV);
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(/^code:\s+OP-000001$/m);
    expect(shown.out).toMatch(/^state:\s+Scheduled$/m);
    const attempts = await cli(['attempts', 'list', '--outcome', 'error', '--json'], ADMIN_ENV);
    expect(JSON.parse(attempts.out)).toEqual({ total: 0, rows: [] });
    expect((await cli(['operations', 'show', 'OP-000099'], ADMIN_ENV)).code).toBe(1);
  });
});

describe('pamdesk operations pending', () => {
  it("lists the Approvals view's operations, marks the requester's own, and another person approves", async () => {
    const cli = await seededVault(tempDir());
    const ANA = { PAMDESK_USER: 'ana', PAMDESK_PASSPHRASE: 'ana passphrase for tests' };
    const ROOT2 = { PAMDESK_USER: 'root2', PAMDESK_PASSPHRASE: 'second admin passphrase' };
    const ABE = { PAMDESK_USER: 'abe', PAMDESK_PASSPHRASE: 'abe passphrase for tests' };
    // abe is added by admin, the requester-to-be, so abe's approval cannot count (issue 11); ana is
    // added by a second administrator, so hers does. `user add` records who added whom.
    expect((await cli(['user', 'add', 'abe', '--role', 'approver'], { ...ADMIN_ENV, PAMDESK_NEW_PASSPHRASE: ABE.PAMDESK_PASSPHRASE })).code).toBe(0);
    expect((await cli(['user', 'add', 'root2', '--role', 'administrator'], { ...ADMIN_ENV, PAMDESK_NEW_PASSPHRASE: ROOT2.PAMDESK_PASSPHRASE })).code).toBe(0);
    expect((await cli(['user', 'add', 'ana', '--role', 'approver'], { ...ROOT2, PAMDESK_NEW_PASSPHRASE: ANA.PAMDESK_PASSPHRASE })).code).toBe(0);
    const body = { identifier: 'srv01-core', username: 'core', hostname: 'srv01', ip: '10.0.0.5', content: 'core-pw', additional_settings: { criticality: 'high' }, execution_settings: { automatic_change: true, change_plugin: 'SSH', change_template: 'Linux - Change own password' } };
    expect((await cli(['credential', 'upsert'], ADMIN_ENV, JSON.stringify(body))).code).toBe(0);
    expect((await cli(['rotate', 'srv01-core'], ADMIN_ENV)).code).toBe(0);
    const asAna = JSON.parse((await cli(['operations', 'pending', '--json'], ANA)).out) as { code: string; criticality: string; requester: string; ownRequest: boolean }[];
    expect(asAna).toMatchObject([{ code: 'OP-000001', criticality: 'high', requester: 'admin', ownRequest: false }]);
    const asAdmin = await cli(['operations', 'pending'], ADMIN_ENV);
    expect(asAdmin.out).toMatch(/^OP-000001 .*criticality high {2}by admin .*\(your request\)$/);
    const byAbe = await cli(['operations', 'approve', 'OP-000001', '--justification', 'window'], ABE);
    expect(byAbe.code).toBe(1);
    expect(byAbe.out + byAbe.err).toContain("abe was added by admin, who requested OP-000001, so abe's approval cannot count");
    expect((await cli(['operations', 'approve', 'OP-000001', '--justification', 'window', '--json'], ANA)).code).toBe(0);
    expect(JSON.parse((await cli(['operations', 'pending', '--json'], ANA)).out)).toEqual([]);
  });
});
