import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tryTelnetLogin } from '../../../main/executors/telnet/try-telnet-login';
import { BUILTIN_TEMPLATES, readBuiltinTemplate } from '../../../main/templates/builtin/builtin-templates';
import { startRunnerWorld, type RunnerWorld, requestAndRun, secretOf } from '../../support/runner-world';
import { isTelnetdInstalled, startTelnetd, TELNETD_SKIP_REASON, type TelnetTarget } from '../../support/targets/linux-telnetd';
import { needsTool } from '../../support/needs-tool';
import { useTempDirs } from '../../support/temp-dir';

/**
 * The Telnet executor through the runner, against Debian's real telnetd on loopback (login and
 * PAM inside the Linux target's namespace): the same expect language and the same templates as
 * SSH, and the runner's crash-safe path unchanged (candidate sealed first, a fresh Telnet login
 * proves it, compare-and-swap promotion).
 */
const tempDir = useTempDirs();
const telnetd = needsTool(isTelnetdInstalled(), TELNETD_SKIP_REASON);
let world: RunnerWorld;
let telnet: TelnetTarget;
const ACCOUNTS = [
  { username: 'tina', password: 'tina-initial-1' },
  { username: 'theo', password: 'theo-initial-1' },
  { username: 'rhea', password: 'rhea-lost-1' },
];
const ROOT_PASSWORD = 'root-telnet-1';

const bodyOf = (name: string): string => {
  const found = BUILTIN_TEMPLATES.find((t) => t.name === name);
  if (!found) throw new Error(`no built-in ${name}`);
  return readBuiltinTemplate(found);
};

async function telnetCredential(username: string, secret: string, settings: Record<string, unknown>): Promise<number> {
  await world.call('credential.upsert', { identifier: `telnet-${username}`, username, hostname: 'telnet-target', ip: world.target.host, content: secret, execution_settings: { automatic_change: true, use_own_credential_to_connect: true, ...settings } });
  return (await world.call('credential.get', { ref: `telnet-${username}` })).id;
}

const login = (username: string, password: string) => tryTelnetLogin(telnet, { username, password });

describe.skipIf(telnetd.skip)(telnetd.title('Telnet executor against a real telnetd'), () => {
  beforeAll(async () => {
    world = await startRunnerWorld(tempDir(), ACCOUNTS, { rootPassword: ROOT_PASSWORD });
    telnet = await startTelnetd(world.target);
    await world.call('device.upsert', { hostname: 'telnet-target', ip: world.target.host, connectivities: `Telnet:${telnet.port}`, type: 'Server', vendor: 'Debian' });
    for (const [name, source] of [
      ['Linux (Telnet) - Change own password', 'Linux - Change own password'],
      ['Linux (Telnet) - Reconcile password as root', 'Linux - Reconcile password as root'],
    ] as const) {
      await world.call('template.save', { input: { name, executor: 'telnet', operation_type: source.includes('Reconcile') ? 'reconcile' : 'change_password', active: true, variables: [], body: bodyOf(source) } });
    }
  }, 60_000);
  afterAll(async () => {
    await telnet?.stop();
    await world?.close();
  });

  it('changes a password with the SSH templates\' language, proves it with a fresh Telnet login, then verifies', async () => {
    const id = await telnetCredential('tina', 'tina-initial-1', { change_plugin: 'Telnet', change_template: 'Linux (Telnet) - Change own password' });
    const op = await requestAndRun(world, 'operation.requestChange', id);
    expect(op.state, op.message ?? '').toBe('Success');
    const secret = await secretOf(world, id);
    expect(secret).not.toBe('tina-initial-1');
    expect(await login('tina', secret)).toBe('accepted');
    expect(await login('tina', 'tina-initial-1')).toBe('rejected');
    expect(await world.call('credential.get', { ref: id })).toMatchObject({ in_sync: 'InSync', version: 2 });
    const attempts = await world.call('operation.attempts', { code: op.code });
    expect(attempts[0]?.transcript).toMatch(/over Telnet \(cleartext\)/);
    expect(attempts[0]?.transcript).toMatch(/preparing the POSIX shell/);
    expect(attempts[0]?.transcript).not.toContain(secret);
    expect(attempts[0]?.transcript).not.toContain('tina-initial-1');

    const verify = await requestAndRun(world, 'operation.requestVerify', id);
    expect(verify.state, verify.message ?? '').toBe('Success');
  }, 60_000);

  it('reconciles through a root credential over Telnet although the vault secret is lost', async () => {
    await telnetCredential('root', ROOT_PASSWORD, { automatic_change: false });
    const id = await telnetCredential('rhea', 'not-what-the-target-has', {
      change_plugin: 'Telnet',
      change_template: 'Linux (Telnet) - Change own password',
      reconciliation_credential: 'telnet-root',
      reconciliation_plugin: 'Telnet',
      reconciliation_template: 'Linux (Telnet) - Reconcile password as root',
    });
    const op = await requestAndRun(world, 'operation.requestReconcile', id);
    expect(op.state, op.message ?? '').toBe('Success');
    const secret = await secretOf(world, id);
    expect(await login('rhea', secret)).toBe('accepted');
    expect(await login('rhea', 'rhea-lost-1')).toBe('rejected');
  }, 60_000);

  it('refuses to save an SSH template under the Telnet plugin, naming both executors', async () => {
    await expect(telnetCredential('theo', 'theo-initial-1', { change_plugin: 'Telnet', change_template: 'Linux - Change own password' })).rejects.toThrow(/9104.*template for the SSH executor, not for the Telnet plugin/);
    expect(await login('theo', 'theo-initial-1')).toBe('accepted');
    expect(await login('theo', 'wrong-password')).toBe('rejected');
    // A line break in a password is never typed at the prompt (it would end the answer early).
    expect(await login('theo', 'theo-initial-1\nid')).toBe('unreachable');
  }, 60_000);
});
