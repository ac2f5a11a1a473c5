import { ssh2KeyPair } from '../../../support/ssh2-key-pair';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExec } from '../../../../main/executors/ssh/run-exec';
import { runSshScript } from '../../../../main/executors/ssh/run-ssh-script';
import type { SshTarget } from '../../../../main/executors/ssh/ssh-types';
import { formatTranscript } from '../../../../main/executors/ssh/transcript-recorder';
import { tryLogin } from '../../../../main/executors/ssh/try-login';
import { startLinuxTarget, type LinuxTarget } from '../../../support/targets/linux-sshd';
import { PROMPT, script } from './script-fixture';

let target: LinuxTarget;
let ssh: SshTarget;
const first = ssh2KeyPair({ comment: 'pamdesk-test-first' });
const PASSPHRASE = 'Key-Passphrase-5';
const second = ssh2KeyPair({ comment: 'pamdesk-test-second', passphrase: PASSPHRASE, cipher: 'aes256-ctr', rounds: 4 });
const stranger = ssh2KeyPair();

beforeAll(async () => {
  target = await startLinuxTarget({ accounts: [{ username: 'erin', password: 'Erin-Start-12' }] });
  ssh = { host: target.host, port: target.port, pinnedFingerprint: target.hostKeyFingerprint };
  // StrictModes is on: the folder and file must belong to erin and not be group/world writable.
  const installed = await target.exec(
    'install -d -m 700 -o erin -g erin /home/erin/.ssh && cat > /home/erin/.ssh/authorized_keys && chown erin:erin /home/erin/.ssh/authorized_keys && chmod 600 /home/erin/.ssh/authorized_keys',
    { stdin: `${first.public}\n` },
  );
  if (installed.code !== 0) throw new Error(`Could not install the key: ${installed.stderr}`);
});

afterAll(async () => {
  await target?.stop();
});

describe('private-key login and exec channels', () => {
  it('logs in with an ed25519 key and runs a template', async () => {
    const result = await runSshScript(ssh, { username: 'erin', privateKey: first.private }, script([], [PROMPT, { kind: 'exec', text: 'whoami' }, { kind: 'expect', pattern: '*erin' }, PROMPT, { kind: 'exec', text: 'exit' }, { kind: 'end' }]));
    if (!result.ok) throw new Error(`${result.failure.message}\n${formatTranscript(result.transcript)}`);
    expect(await tryLogin({ target: ssh, auth: { username: 'erin', privateKey: stranger.private } })).toBe('rejected');
  });

  it('deploys a second key over an exec channel (key on stdin), then logs in with it and its passphrase', async () => {
    const deployed = await runExec(ssh, { username: 'erin', privateKey: first.private }, 'cat >> ~/.ssh/authorized_keys', { stdin: `${second.public}\n`, timeoutMs: 10_000 });
    expect(deployed).toMatchObject({ ok: true, exitCode: 0 });
    expect(await tryLogin({ target: ssh, auth: { username: 'erin', privateKey: second.private, passphrase: PASSPHRASE } })).toBe('accepted');
    const keys = await target.exec('cat /home/erin/.ssh/authorized_keys');
    expect(keys.stdout).toContain('pamdesk-test-second');
  });

  it('says so when a key cannot be decrypted, before sending anything', async () => {
    const result = await runSshScript(ssh, { username: 'erin', privateKey: second.private, passphrase: 'not-the-passphrase' }, script([], []));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.kind).toBe('auth-failed');
    expect(result.failure.message).toContain('Is the passphrase right?');
    expect(JSON.stringify(result)).not.toContain('not-the-passphrase');
  });

  it('returns exit codes and stderr of exec commands', async () => {
    const result = await runExec(ssh, { username: 'erin', password: 'Erin-Start-12' }, 'echo out; echo err >&2; exit 3');
    expect(result).toEqual({ ok: true, exitCode: 3, signal: null, stdout: 'out\n', stderr: 'err\n' });
  });
});
