import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mysqlExecutor } from '../../../main/executors/sql/sql-executors';
import { TemplateRenderError } from '../../../main/templates/render-template';
import type { TagValues } from '../../../main/templates/tag-values';
import { startVaultWorld, type VaultWorld, requestAndRun, secretOf } from '../../support/runner-world';
import { isMariadbInstalled, MARIADB_SKIP_REASON, startMariadb, type MariadbTarget } from '../../support/targets/mariadb';
import { needsTool } from '../../support/needs-tool';
import { useTempDirs } from '../../support/temp-dir';

/**
 * The MySQL executor through the runner, against Debian's real MariaDB on loopback: the built-in
 * templates change a password as the account (SET PASSWORD) and as an administrator (the
 * account's host part from the credential's Additional information, never '%'), reconcile, and a
 * fresh login proves each; hostile names and passwords change nothing but the one account.
 */
const tempDir = useTempDirs();
const gate = needsTool(isMariadbInstalled(), MARIADB_SKIP_REASON);
const HOSTILE_NAME = `o'; DROP USER bystander; --`;
const ACCOUNTS = [
  { username: 'alice', password: 'alice-initial-1' },
  { username: 'bob', password: 'bob-initial-1' },
  { username: 'carol', password: 'carol-lost-1' },
  { username: 'dbadmin', password: `adm'in"pw\\-1` },
  { username: 'bystander', password: 'bystander-1' },
  // The same name with another host part: changing bob@127.0.0.1 must leave it alone.
  { username: 'bob', password: 'bob-elsewhere-1', host: 'elsewhere.example' },
  { username: HOSTILE_NAME, password: `x\\'; SET PASSWORD FOR bystander = PASSWORD('owned'); --` },
];
let world: VaultWorld;
let server: MariadbTarget;

async function credential(username: string, secret: string, settings: Record<string, unknown>, additional: string | null = '127.0.0.1'): Promise<number> {
  const identifier = `my-${ACCOUNTS.findIndex((a) => a.username === username)}`;
  await world.call('credential.upsert', { identifier, username, hostname: 'mysql-target', ip: server.host, content: secret, additional, execution_settings: { automatic_change: true, use_own_credential_to_connect: true, ...settings } });
  return (await world.call('credential.get', { ref: identifier })).id;
}

const ADMIN_SETTINGS = { use_own_credential_to_connect: false, authentication_credential: 'my-3', change_plugin: 'MySQL', change_template: 'MySQL - Change password as administrator' };

async function expectOnlyChanged(before: Map<string, string>, changed: readonly string[]): Promise<void> {
  const after = await server.accounts();
  expect([...after.keys()]).toEqual([...before.keys()]);
  for (const [account, hash] of after) if (!changed.includes(account)) expect(hash, account).toBe(before.get(account));
}

describe.skipIf(gate.skip)(gate.title('MySQL executor against a real MariaDB server'), () => {
  beforeAll(async () => {
    server = await startMariadb(ACCOUNTS);
    await server.admin("GRANT CREATE USER ON *.* TO 'dbadmin'@'127.0.0.1'");
    world = await startVaultWorld(tempDir());
    await world.call('device.upsert', { hostname: 'mysql-target', ip: server.host, connectivities: `MySQL:${server.port}` });
    await credential('dbadmin', `adm'in"pw\\-1`, { automatic_change: false });
  }, 120_000);
  afterAll(async () => {
    await world?.close();
    await server?.stop();
  });

  it('changes its own password, proves it with a fresh login, and verifies', async () => {
    const before = await server.accounts();
    const id = await credential('alice', 'alice-initial-1', { change_plugin: 'MySQL', change_template: 'MySQL - Change own password' });
    const op = await requestAndRun(world, 'operation.requestChange', id);
    expect(op.state, op.message ?? '').toBe('Success');
    const secret = await secretOf(world, id);
    expect(await server.login('alice', secret)).toBe('accepted');
    expect(await server.login('alice', 'alice-initial-1')).toBe('rejected');
    const attempts = await world.call('operation.attempts', { code: op.code });
    expect(attempts[0]?.transcript).toContain('SET PASSWORD = PASSWORD(');
    expect(attempts[0]?.transcript).not.toContain(secret);
    await expectOnlyChanged(before, ["'alice'@'127.0.0.1'"]);
    const verify = await requestAndRun(world, 'operation.requestVerify', id);
    expect(verify.state, verify.message ?? '').toBe('Success');
  }, 60_000);

  it("changes 'user'@'host' as an administrator, the host part from the credential, a hostile name quoted as a literal", async () => {
    const before = await server.accounts();
    for (const username of ['bob', HOSTILE_NAME]) {
      const initial = ACCOUNTS.find((a) => a.username === username)?.password ?? '';
      const id = await credential(username, initial, ADMIN_SETTINGS);
      const op = await requestAndRun(world, 'operation.requestChange', id);
      expect(op.state, op.message ?? '').toBe('Success');
      const secret = await secretOf(world, id);
      expect(await server.login(username, secret)).toBe('accepted');
      expect(await server.login(username, initial)).toBe('rejected');
    }
    await expectOnlyChanged(before, ["'bob'@'127.0.0.1'", `'${HOSTILE_NAME}'@'127.0.0.1'`]);
    expect(await server.login('bystander', 'bystander-1')).toBe('accepted');
  }, 60_000);

  it('refuses to run the administrator template for a credential without a host part', async () => {
    const id = await credential('bystander', 'bystander-1', ADMIN_SETTINGS, null);
    const op = await requestAndRun(world, 'operation.requestChange', id);
    expect(op.state).not.toBe('Success');
    expect(op.message ?? '').toMatch(/ADD_INFO/);
    expect(await server.login('bystander', 'bystander-1')).toBe('accepted');
  }, 60_000);

  it('reconciles an account whose vault secret is lost, logged in as the administrator', async () => {
    const id = await credential('carol', 'not-what-the-server-has', { change_plugin: 'MySQL', change_template: 'MySQL - Change own password', reconciliation_credential: 'my-3', reconciliation_plugin: 'MySQL', reconciliation_template: 'MySQL - Reconcile password' });
    const op = await requestAndRun(world, 'operation.requestReconcile', id);
    expect(op.state, op.message ?? '').toBe('Success');
    const secret = await secretOf(world, id);
    expect(await server.login('carol', secret)).toBe('accepted');
    expect(await server.login('carol', 'carol-lost-1')).toBe('rejected');
  }, 60_000);

  const HOSTILE = [`'; DROP USER bystander; --`, `a\\'b"c`, 'back`tick', `\\`, `x\\`, `pässwörd`, `*/ #`];
  it('hostile values as account name and password change exactly that account; NUL and line breaks are refused before sending', async () => {
    const compiled = mysqlExecutor.compile("ALTER USER '[#USERNAME#]'@'[#ADD_INFO#]' IDENTIFIED BY '[#NEW_PASSWORD#]'", []);
    expect(compiled.diagnostics).toEqual([]);
    const target = { host: server.host, port: server.port, pinnedFingerprint: null };
    const values = (username: string, password: string): TagValues =>
      new Map([
        ['USERNAME', { available: true, value: username, secret: false }],
        ['ADD_INFO', { available: true, value: '127.0.0.1', secret: false }],
        ['NEW_PASSWORD', { available: true, value: password, secret: true }],
      ]);
    for (const [index, value] of HOSTILE.entries()) {
      const user = `${value}${index}`;
      await server.admin('CREATE USER ?@? IDENTIFIED BY ?', [user, '127.0.0.1', 'initial']);
      const before = await server.accounts();
      const password = `pw${index}:${value}`;
      const result = await compiled.render(values(user, password), 'posix').run(target, server.superuser, {});
      expect(result.ok, JSON.stringify(result)).toBe(true);
      expect(await server.login(user, password)).toBe('accepted');
      await expectOnlyChanged(before, [`'${user}'@'127.0.0.1'`]);
    }
    const before = await server.accounts();
    for (const bad of ['nul\u0000; DROP USER bystander', 'line\nbreak']) {
      expect(() => compiled.render(values('bystander', bad), 'posix')).toThrow(TemplateRenderError);
      expect(() => compiled.render(values(bad, 'x'), 'posix')).toThrow(TemplateRenderError);
    }
    expect(await server.accounts()).toEqual(before);
  }, 60_000);

  it("a statement the server refuses fails as the target's answer, its echo of the password masked", async () => {
    const compiled = mysqlExecutor.compile("ALTER USER 'bystander'@'127.0.0.1' IDENTIFIED BY 'x' NONSENSE '[#NEW_PASSWORD#]'", []);
    const password = 'echoed-Secret-42';
    const before = await server.accounts();
    const result = await compiled.render(new Map([['NEW_PASSWORD', { available: true, value: password, secret: true }]]), 'posix').run({ host: server.host, port: server.port, pinnedFingerprint: null }, server.superuser, {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure).toMatchObject({ kind: 'pattern-seen', line: 1 });
    expect(result.failure.message).toMatch(/SQL syntax.*\*\*\*\*\*\*\*\*/);
    expect(JSON.stringify(result)).not.toContain(password);
    expect(await server.accounts()).toEqual(before);
  }, 30_000);

  it('tells a wrong password from an unreachable server', async () => {
    const target = { host: server.host, port: server.port, pinnedFingerprint: null };
    expect(await mysqlExecutor.tryLogin(target, { username: 'bystander', password: 'bystander-1' }, {})).toBe('accepted');
    expect(await mysqlExecutor.tryLogin(target, { username: 'bystander', password: 'wrong' }, {})).toBe('rejected');
    expect(await mysqlExecutor.tryLogin({ ...target, port: 1 }, { username: 'bystander', password: 'bystander-1' }, {})).toBe('unreachable');
  }, 30_000);
});
