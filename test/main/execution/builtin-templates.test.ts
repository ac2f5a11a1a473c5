import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/core/create-core';
import { sshExecution } from '../../../main/execution/ssh-execution';
import { managedKeyComment } from '../../../main/execution/candidate-generator';
import { runSshScript } from '../../../main/executors/ssh/run-ssh-script';
import { tryLogin } from '../../../main/executors/ssh/try-login';
import { silentLogger } from '../../../main/logging/logger';
import { generateSshKeyPair, SSH_KEY_TYPES } from '../../../main/policies/generate-ssh-key-pair';
import { BUILTIN_TEMPLATES, readBuiltinTemplate } from '../../../main/templates/builtin/builtin-templates';
import { lintTemplate } from '../../../main/templates/lint-template';
import { renderTemplate } from '../../../main/templates/render-template';
import { buildTagValues } from '../../../main/templates/tag-values';
import { startCiscoTarget } from '../../support/targets/cisco-ios';
import { tryPasswordLogin } from '../../support/targets/try-password-login';
import { startRunnerWorld, type RunnerWorld } from '../../support/runner-world';
import { useTempDirs } from '../../support/temp-dir';
import { absentKeyStore } from '../../support/test-core';

const tempDir = useTempDirs();
let world: RunnerWorld | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await world?.close();
  world = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const HARD = `Hard'pw "$;|&\`\\ ñ`;
const builtin = (name: string) => {
  const found = BUILTIN_TEMPLATES.find((t) => t.name === name);
  if (!found) throw new Error(`no built-in ${name}`);
  return readBuiltinTemplate(found);
};

async function rotateAndWait(w: RunnerWorld, id: number): Promise<string> {
  const request = await w.call('operation.requestChange', { credentialIds: [id] });
  const code = request.scheduled[0]?.code;
  if (!code) throw new Error(`not scheduled: ${JSON.stringify(request.refused)}`);
  await w.runUntilIdle();
  return code;
}

describe('built-in templates on real targets', () => {
  it('Linux - Change password as root: root logs in and sets the account password, even a hard one', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'tom', password: 'tom-initial-1' }], { rootPassword: 'root-pw-1' });
    await world.addCredential('root', 'root-pw-1');
    const id = await world.addCredential('tom', 'tom-initial-1', {
      execution_settings: { automatic_change: true, change_plugin: 'SSH', change_template: 'Linux - Change password as root', use_own_credential_to_connect: false, authentication_credential: 'target-root' },
    });
    // A typed reset proves the hard password travels intact through prompt, PTY and passwd.
    const reset = await world.call('credential.reset', { id, kind: 'password', secret: HARD, changeOnTarget: true });
    await world.runUntilIdle();
    if (reset.mode !== 'target') throw new Error('expected a target reset');
    expect((await world.operation(reset.operationCode)).state).toBe('Success');
    expect(await tryPasswordLogin(world.target, 'tom', HARD)).toBe('accepted');
    expect(await tryPasswordLogin(world.target, 'tom', 'tom-initial-1')).toBe('rejected');
  });

  it('a username carrying shell metacharacters cannot run a command', async () => {
    world = await startRunnerWorld(tempDir(), [], { rootPassword: 'root-pw-2' });
    await world.addCredential('root', 'root-pw-2');
    const evil = 'nosuch;touch /tmp/pwned;#';
    await world.call('credential.upsert', {
      identifier: 'evil',
      username: evil,
      hostname: 'linux-target',
      ip: world.target.host,
      content: 'whatever-1',
      execution_settings: { automatic_change: true, change_plugin: 'SSH', change_template: 'Linux - Change password as root', use_own_credential_to_connect: false, authentication_credential: 'target-root' },
    });
    const id = (await world.call('credential.get', { ref: 'evil' })).id;
    const code = await rotateAndWait(world, id);
    expect((await world.operation(code)).state).not.toBe('Success');
    const probe = await world.target.exec('test -e /tmp/pwned && echo PWNED || echo clean');
    expect(probe.stdout.trim()).toBe('clean');
    const attempts = await world.call('operation.attempts', { code });
    expect(attempts[0]?.transcript).toContain("passwd -- 'nosuch;touch /tmp/pwned;#'");
  });

  it('Linux - Change password via sudo: an authentication account with sudo changes another account', async () => {
    world = await startRunnerWorld(tempDir(), [
      { username: 'sam', password: 'sam-sudo-pw-1', sudo: true },
      { username: 'tim', password: 'tim-initial-1' },
    ]);
    await world.addCredential('sam', 'sam-sudo-pw-1');
    const id = await world.addCredential('tim', 'tim-initial-1', {
      execution_settings: { automatic_change: true, change_plugin: 'SSH', change_template: 'Linux - Change password via sudo', use_own_credential_to_connect: false, authentication_credential: 'target-sam' },
    });
    const code = await rotateAndWait(world, id);
    expect((await world.operation(code)).state).toBe('Success');
    const secret = (await world.call('credential.reveal', { id, purpose: 'view' })).secret;
    expect(await tryPasswordLogin(world.target, 'tim', secret)).toBe('accepted');
    expect(await tryPasswordLogin(world.target, 'tim', 'tim-initial-1')).toBe('rejected');
    const attempts = await world.call('operation.attempts', { code });
    expect(attempts[0]?.transcript).not.toContain('sam-sudo-pw-1');
  });

  it('Linux - Verify: a fresh login runs the verify template to its end, and fails for a wrong password', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'vic', password: 'vic-pw-1' }]);
    const lint = lintTemplate(builtin('Linux - Verify'));
    expect(lint.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const script = renderTemplate(lint.steps, buildTagValues({ credential: { username: 'vic', currentPassword: 'vic-pw-1' }, device: { ip: world.target.host, hostname: 'linux-target' } }));
    const target = { host: world.target.host, port: world.target.port, pinnedFingerprint: world.target.hostKeyFingerprint };
    expect((await runSshScript(target, { username: 'vic', password: 'vic-pw-1' }, script)).ok).toBe(true);
    const wrong = await runSshScript(target, { username: 'vic', password: 'nope' }, script);
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.failure.kind).toBe('auth-failed');
  });

  for (const keyType of SSH_KEY_TYPES) {
    it(`Linux - SSH key rotation (${keyType}): adds the new key, proves it, removes only the old managed key`, async () => {
      world = await startRunnerWorld(tempDir(), [{ username: 'kim', password: 'kim-pw-1' }]);
      const identifier = 'target-kim-key';
      const old = await generateSshKeyPair(keyType, { comment: managedKeyComment(identifier) });
      const unmanaged = await generateSshKeyPair('ssh-ed25519', { comment: 'someone-else@laptop' });
      await world.target.exec(
        `mkdir -p /home/kim/.ssh && printf '%s\\n%s\\n' '${old.publicKey}' '${unmanaged.publicKey}' > /home/kim/.ssh/authorized_keys && chown -R kim:kim /home/kim/.ssh && chmod 700 /home/kim/.ssh && chmod 600 /home/kim/.ssh/authorized_keys`,
      );
      await world.call('credential.upsert', {
        identifier,
        kind: 'ssh_key',
        username: 'kim',
        hostname: 'linux-target',
        ip: world.target.host,
        content: old.privateKey,
        public_key: old.publicKey,
        key_type: keyType,
        execution_settings: { automatic_change: true, change_plugin: 'SSH', change_template: 'Linux - SSH key rotation - add', use_own_credential_to_connect: true },
      });
      const id = (await world.call('credential.get', { ref: identifier })).id;
      const code = await rotateAndWait(world, id);
      const op = await world.operation(code);
      expect(op).toMatchObject({ type: 'ssh_key_rotation', state: 'Success' });
      const credential = await world.call('credential.get', { ref: id });
      expect(credential.public_key).not.toBe(old.publicKey);
      expect(credential.public_key?.startsWith(keyType)).toBe(true);
      const keys = (await world.target.exec('cat /home/kim/.ssh/authorized_keys')).stdout;
      expect(keys).not.toContain(old.publicKey.split(' ')[1]);
      expect(keys).toContain(unmanaged.publicKey.split(' ')[1]);
      expect(keys).toContain((credential.public_key ?? '').split(' ')[1]);
      const target = { host: world.target.host, port: world.target.port, pinnedFingerprint: world.target.hostKeyFingerprint };
      const newKey = (await world.call('credential.reveal', { id, purpose: 'view' })).secret;
      expect(await tryLogin({ target, auth: { username: 'kim', privateKey: newKey } })).toBe('accepted');
      expect(await tryLogin({ target, auth: { username: 'kim', privateKey: old.privateKey } })).toBe('rejected');
      expect(await tryLogin({ target, auth: { username: 'kim', privateKey: unmanaged.privateKey } })).toBe('accepted');
    });
  }

  it('ssh-dss is refused with an explanation', async () => {
    await expect(generateSshKeyPair('ssh-dss')).rejects.toThrow(/DSA/);
  });

  it('Cisco IOS - Change user secret: enable, configure terminal, username secret, write memory', async () => {
    const cisco = await startCiscoTarget({ users: { netop: 'cisco-initial-1' }, enableSecret: 'cisco-initial-1' });
    cleanups.push(() => cisco.stop());
    const core: Core = createCore({
      dataDir: tempDir(),
      shell: 'desktop',
      isTrustedSender: () => true,
      logger: silentLogger,
      keyStore: absentKeyStore,
      execution: sshExecution(false, { leaseMs: 5_000, pollMs: 200, triggerEveryMs: 0 }),
    });
    cleanups.push(() => core.close());
    const sender = { kind: 'electron', webContentsId: 1, frameUrl: 'app://pamdesk/' } as const;
    const call = async (channel: string, payload: unknown) => {
      const result = await core.router.handle(sender, channel, payload);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value as never;
    };
    await call('vault.create', { username: 'admin', passphrase: 'cisco test admin passphrase' });
    const device = (await call('device.upsert', { hostname: 'ios-router', ip: cisco.host, connectivities: `SSH:${cisco.port}`, type: 'Router', vendor: 'Cisco' })) as { id: number };
    await call('device.trustHostKey', { deviceId: device.id, fingerprint: cisco.hostKeyFingerprint });
    await call('credential.upsert', {
      identifier: 'ios-netop',
      username: 'netop',
      hostname: 'ios-router',
      ip: cisco.host,
      content: 'cisco-initial-1',
      execution_settings: { automatic_change: true, change_plugin: 'SSH', change_template: 'Cisco IOS - Change user secret', use_own_credential_to_connect: true },
    });
    const id = ((await call('credential.get', { ref: 'ios-netop' })) as { id: number }).id;
    const request = (await call('operation.requestChange', { credentialIds: [id] })) as { scheduled: { code: string }[] };
    await core.runnerHost?.runner?.runUntilIdle();
    const op = (await call('operation.get', { code: request.scheduled[0]?.code })) as { state: string; message: string | null };
    expect(op.state, op.message ?? '').toBe('Success');
    const secret = ((await call('credential.reveal', { id, purpose: 'view' })) as { secret: string }).secret;
    expect(cisco.users.get('netop')).toBe(secret);
    expect(cisco.device.writes).toBe(1);
    const target = { host: cisco.host, port: cisco.port, pinnedFingerprint: cisco.hostKeyFingerprint };
    expect(await tryLogin({ target, auth: { username: 'netop', password: secret } })).toBe('accepted');
    expect(await tryLogin({ target, auth: { username: 'netop', password: 'cisco-initial-1' } })).toBe('rejected');

    // The shell is the device's: set to POSIX, the same template is refused before anything is sent.
    await call('device.upsert', { hostname: 'ios-router', ip: cisco.host, shell: 'posix' });
    const attemptsBefore = cisco.authAttempts.length;
    const refused = (await call('operation.requestChange', { credentialIds: [id] })) as { scheduled: { code: string }[] };
    await core.runnerHost?.runner?.runUntilIdle();
    const refusedOp = (await call('operation.get', { code: refused.scheduled[0]?.code })) as { state: string; message: string | null };
    expect(refusedOp.state).toBe('Error');
    expect(refusedOp.message).toMatch(/cannot run on ios-router \(a POSIX shell\); nothing was sent.*secret on a command line/);
    expect(cisco.authAttempts.length).toBe(attemptsBefore);
    expect(cisco.users.get('netop')).toBe(secret);
  });
});
