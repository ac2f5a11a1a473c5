import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresqlExecutor } from '../../../main/executors/sql/sql-executors';
import { TemplateRenderError } from '../../../main/templates/render-template';
import type { TagValues } from '../../../main/templates/tag-values';
import { startVaultWorld, type VaultWorld, requestAndRun, secretOf } from '../../support/runner-world';
import { isPostgresInstalled, POSTGRES_SKIP_REASON, startPostgres, type PostgresTarget } from '../../support/targets/postgres';
import { needsTool } from '../../support/needs-tool';
import { useTempDirs } from '../../support/temp-dir';

/**
 * The PostgreSQL executor through the runner, against Debian's real PostgreSQL on loopback: the
 * built-in templates change a password as the account and as an administrator, reconcile one whose
 * vault secret is lost, and a fresh login proves each; the new password is sent only as the SCRAM
 * verifier pamdesk computes, so the server's statement log (log_statement = all) never holds it;
 * hostile names and passwords change nothing but the one account.
 */
const tempDir = useTempDirs();
const gate = needsTool(isPostgresInstalled(), POSTGRES_SKIP_REASON);
const HOSTILE_NAME = `o'; DROP ROLE bystander; --`;
const ACCOUNTS = [
  { username: 'alice', password: 'alice-initial-1' },
  { username: 'bob', password: 'bob-initial-1' },
  { username: 'carol', password: 'carol-lost-1' },
  { username: 'pgadmin', password: `adm'in"pw\\-1` },
  { username: 'bystander', password: 'bystander-1' },
  { username: HOSTILE_NAME, password: `x'; ALTER ROLE bystander PASSWORD 'owned'; --` },
];
let world: VaultWorld;
let server: PostgresTarget;

async function credential(username: string, secret: string, settings: Record<string, unknown>): Promise<number> {
  const identifier = `pg-${ACCOUNTS.findIndex((a) => a.username === username)}`;
  await world.call('credential.upsert', { identifier, username, hostname: 'pg-target', ip: server.host, content: secret, execution_settings: { automatic_change: true, use_own_credential_to_connect: true, ...settings } });
  return (await world.call('credential.get', { ref: identifier })).id;
}

const ADMIN_SETTINGS = { use_own_credential_to_connect: false, authentication_credential: 'pg-3', change_plugin: 'PostgreSQL', change_template: 'PostgreSQL - Change password as administrator' };

describe.skipIf(gate.skip)(gate.title('PostgreSQL executor against a real PostgreSQL server'), () => {
  beforeAll(async () => {
    server = await startPostgres(ACCOUNTS);
    await server.admin('ALTER ROLE pgadmin CREATEROLE');
    world = await startVaultWorld(tempDir());
    await world.call('device.upsert', { hostname: 'pg-target', ip: server.host, connectivities: `PostgreSQL:${server.port}` });
    await credential('pgadmin', `adm'in"pw\\-1`, { automatic_change: false });
  }, 120_000);
  afterAll(async () => {
    await world?.close();
    await server?.stop();
  });

  it('changes its own password, proves it with a fresh login, verifies, and never logs the password', async () => {
    const before = await server.roles();
    const id = await credential('alice', 'alice-initial-1', { change_plugin: 'PostgreSQL', change_template: 'PostgreSQL - Change own password' });
    const op = await requestAndRun(world, 'operation.requestChange', id);
    expect(op.state, op.message ?? '').toBe('Success');
    const secret = await secretOf(world, id);
    expect(secret).not.toBe('alice-initial-1');
    expect(await server.login('alice', secret)).toBe('accepted');
    expect(await server.login('alice', 'alice-initial-1')).toBe('rejected');
    const attempts = await world.call('operation.attempts', { code: op.code });
    expect(attempts[0]?.transcript).toContain('ALTER ROLE CURRENT_USER WITH PASSWORD');
    expect(attempts[0]?.transcript).not.toContain(secret);

    const log = server.readLog();
    expect(log).toMatch(/statement: ALTER ROLE CURRENT_USER WITH PASSWORD 'SCRAM-SHA-256\$4096:/);
    expect(log).not.toContain(secret);
    const after = await server.roles();
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [role, verifier] of after) if (role !== 'alice') expect(verifier, role).toBe(before.get(role));
    expect(after.get('alice')).toMatch(/^SCRAM-SHA-256\$4096:/);

    const verify = await requestAndRun(world, 'operation.requestVerify', id);
    expect(verify.state, verify.message ?? '').toBe('Success');
  }, 60_000);

  it('changes a password as an administrator, the hostile role name quoted as one identifier', async () => {
    const before = await server.roles();
    for (const username of ['bob', HOSTILE_NAME]) {
      const initial = ACCOUNTS.find((a) => a.username === username)?.password ?? '';
      const id = await credential(username, initial, ADMIN_SETTINGS);
      const op = await requestAndRun(world, 'operation.requestChange', id);
      expect(op.state, op.message ?? '').toBe('Success');
      const secret = await secretOf(world, id);
      expect(await server.login(username, secret)).toBe('accepted');
      expect(await server.login(username, initial)).toBe('rejected');
      expect(server.readLog()).not.toContain(secret);
    }
    const after = await server.roles();
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [role, verifier] of after) if (role !== 'bob' && role !== HOSTILE_NAME) expect(verifier, role).toBe(before.get(role));
    expect(await server.login('bystander', 'bystander-1')).toBe('accepted');
  }, 60_000);

  it('reconciles a role whose vault secret is lost, logged in as the administrator', async () => {
    const id = await credential('carol', 'not-what-the-server-has', { change_plugin: 'PostgreSQL', change_template: 'PostgreSQL - Change own password', reconciliation_credential: 'pg-3', reconciliation_plugin: 'PostgreSQL', reconciliation_template: 'PostgreSQL - Reconcile password' });
    const op = await requestAndRun(world, 'operation.requestReconcile', id);
    expect(op.state, op.message ?? '').toBe('Success');
    const secret = await secretOf(world, id);
    expect(await server.login('carol', secret)).toBe('accepted');
    expect(await server.login('carol', 'carol-lost-1')).toBe('rejected');
  }, 60_000);

  const HOSTILE = [`'; DROP ROLE bystander; --`, `a\\'b"c`, 'back`tick', `$$; DROP ROLE bystander; $$`, `pässwörd ﬁ`, `*/ --`];
  it('hostile values as role name and password change exactly that role; NUL and line breaks are refused before sending', async () => {
    const source = `ALTER ROLE [#USERNAME#] WITH PASSWORD '[#NEW_PASSWORD#]'`;
    const compiled = postgresqlExecutor.compile(source, []);
    expect(compiled.diagnostics).toEqual([]);
    const target = { host: server.host, port: server.port, pinnedFingerprint: null };
    const values = (username: string, password: string): TagValues =>
      new Map([
        ['USERNAME', { available: true, value: username, secret: false }],
        ['NEW_PASSWORD', { available: true, value: password, secret: true }],
      ]);
    for (const [index, value] of HOSTILE.entries()) {
      const role = `${value}${index}`;
      const password = `pw${index}:${value}`;
      await server.admin(`CREATE ROLE "${role.replaceAll('"', '""')}" LOGIN PASSWORD 'initial'`);
      const before = await server.roles();
      const result = await compiled.render(values(role, password), 'posix').run(target, server.superuser, {});
      expect(result.ok, JSON.stringify(result)).toBe(true);
      expect(await server.login(role, password)).toBe('accepted');
      const after = await server.roles();
      expect([...after.keys()]).toEqual([...before.keys()]);
      for (const [name, verifier] of after) if (name !== role) expect(verifier, name).toBe(before.get(name));
      expect(server.readLog()).not.toContain(password);
    }
    const before = await server.roles();
    for (const bad of ['nul\u0000; DROP ROLE bystander', 'line\nbreak']) {
      expect(() => compiled.render(values('bystander', bad), 'posix')).toThrow(TemplateRenderError);
      expect(() => compiled.render(values(bad, 'x'), 'posix')).toThrow(TemplateRenderError);
    }
    expect(await server.roles()).toEqual(before);
    expect(await server.login('bystander', 'bystander-1')).toBe('accepted');
  }, 60_000);

  it('tells a wrong password from an unreachable server', async () => {
    const target = { host: server.host, port: server.port, pinnedFingerprint: null };
    expect(await postgresqlExecutor.tryLogin(target, { username: 'bystander', password: 'bystander-1' }, {})).toBe('accepted');
    expect(await postgresqlExecutor.tryLogin(target, { username: 'bystander', password: 'wrong' }, {})).toBe('rejected');
    expect(await postgresqlExecutor.tryLogin({ ...target, port: 1 }, { username: 'bystander', password: 'bystander-1' }, {})).toBe('unreachable');
  }, 30_000);
});
