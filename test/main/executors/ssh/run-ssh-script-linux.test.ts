import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSshScript } from '../../../../main/executors/ssh/run-ssh-script';
import type { SshRunResult, SshTarget } from '../../../../main/executors/ssh/ssh-types';
import { formatTranscript } from '../../../../main/executors/ssh/transcript-recorder';
import { tryLogin } from '../../../../main/executors/ssh/try-login';
import { needsTool } from '../../../support/needs-tool';
import { isSudoInstalled, startLinuxTarget, SUDO_SKIP_REASON, type LinuxTarget } from '../../../support/targets/linux-sshd';
import { tryPasswordLogin } from '../../../support/targets/try-password-login';
import { PROMPT, script } from './script-fixture';

// A real sshd in its own namespace; every change is proven by a fresh login (ours and an
// independent ssh2 probe), never by the template's own "success".
const ACCOUNTS = {
  alice: 'Alice-Start-41',
  bruno: 'Bruno-Start-52',
  carol: 'Carol-Start-63',
  dave: 'Dave-Start-74',
  ops: 'Ops-Sudo-Pass-85',
  frank: 'Frank-Start-96',
} as const;
const ROOT_PASSWORD = 'Root-Start-07';

let target: LinuxTarget;
let ssh: SshTarget;

beforeAll(async () => {
  target = await startLinuxTarget({
    accounts: Object.entries(ACCOUNTS).map(([username, password]) => ({ username, password, sudo: username === 'ops' && isSudoInstalled() })),
    rootPassword: ROOT_PASSWORD,
  });
  ssh = { host: target.host, port: target.port, pinnedFingerprint: target.hostKeyFingerprint };
});

afterAll(async () => {
  await target?.stop();
});

function expectSuccess(result: SshRunResult): void {
  if (!result.ok) throw new Error(`${result.failure.message}\n${formatTranscript(result.transcript)}\n--- sshd log ---\n${target.log()}`);
}

function expectNoSecret(result: SshRunResult, secrets: readonly string[]): void {
  const everything = JSON.stringify(result);
  for (const secret of secrets) expect(everything).not.toContain(secret);
  expect(everything).toContain('********');
}

/** Segura's "Change Own Password" on Debian bookworm's passwd. */
function changeOwnPassword(current: string, next: string) {
  return script(
    [current, next],
    [
      PROMPT,
      { kind: 'exec', text: 'export LC_ALL=C' },
      PROMPT,
      { kind: 'exec', text: 'passwd' },
      { kind: 'expect', pattern: '*Current password:' },
      { kind: 'exec', text: current },
      { kind: 'expect', pattern: '*New password:' },
      { kind: 'exec', text: next },
      { kind: 'expect', pattern: '*Retype new password:' },
      { kind: 'exec', text: next },
      { kind: 'expect', pattern: '*password updated successfully' },
      PROMPT,
      { kind: 'exec', text: 'exit' },
      { kind: 'end' },
    ],
  );
}

describe('runSshScript against a real OpenSSH sshd', () => {
  it('changes its own password with passwd; a fresh login accepts the new one and rejects the old', async () => {
    const next = 'Alice-Rotated-9x';
    const result = await runSshScript(ssh, { username: 'alice', password: ACCOUNTS.alice }, changeOwnPassword(ACCOUNTS.alice, next));
    expectSuccess(result);
    expectNoSecret(result, [ACCOUNTS.alice, next]);
    expect(await tryLogin({ target: ssh, auth: { username: 'alice', password: next } })).toBe('accepted');
    expect(await tryLogin({ target: ssh, auth: { username: 'alice', password: ACCOUNTS.alice } })).toBe('rejected');
    expect(await tryPasswordLogin(target, 'alice', next)).toBe('accepted');
  });

  it('sets a password full of shell and non-ASCII characters at the prompt, proven by a fresh login', async () => {
    const next = `Q' "$ ;|&\`\\ ñü-Zz9`;
    const result = await runSshScript(ssh, { username: 'bruno', password: ACCOUNTS.bruno }, changeOwnPassword(ACCOUNTS.bruno, next));
    expectSuccess(result);
    expectNoSecret(result, [ACCOUNTS.bruno, next]);
    expect(await tryLogin({ target: ssh, auth: { username: 'bruno', password: next } })).toBe('accepted');
    expect(await tryPasswordLogin(target, 'bruno', ACCOUNTS.bruno)).toBe('rejected');
  });

  it('changes another account as root (passwd USER at the # prompt)', async () => {
    const next = 'Carol-By-Root-3q';
    const result = await runSshScript(
      ssh,
      { username: 'root', password: ROOT_PASSWORD },
      script(
        [next],
        [
          { kind: 'expect', pattern: '*# ' },
          { kind: 'exec', text: 'passwd carol' },
          { kind: 'expect', pattern: '*New password:' },
          { kind: 'exec', text: next },
          { kind: 'expect', pattern: '*Retype new password:' },
          { kind: 'exec', text: next },
          { kind: 'expect', pattern: '*successfully' },
          { kind: 'expect', pattern: '*# ' },
          { kind: 'exec', text: 'exit' },
          { kind: 'end' },
        ],
      ),
    );
    expectSuccess(result);
    expectNoSecret(result, [ROOT_PASSWORD, next]);
    expect(await tryLogin({ target: ssh, auth: { username: 'carol', password: next } })).toBe('accepted');
    expect(await tryLogin({ target: ssh, auth: { username: 'carol', password: ACCOUNTS.carol } })).toBe('rejected');
  });

  const sudo = needsTool(isSudoInstalled(), SUDO_SKIP_REASON);
  it.skipIf(sudo.skip)(sudo.title('changes an account via sudo with an authentication account'), async () => {
    const next = 'Dave-Via-Sudo-8w';
    const result = await runSshScript(
      ssh,
      { username: 'ops', password: ACCOUNTS.ops },
      script(
        [ACCOUNTS.ops, next],
        [
          { kind: 'set-read-timeout', seconds: 8 },
          PROMPT,
          { kind: 'exec', text: 'sudo -k' },
          PROMPT,
          { kind: 'exec', text: 'sudo passwd dave' },
          { kind: 'expect', pattern: '*password for ops:' },
          { kind: 'exec', text: ACCOUNTS.ops },
          { kind: 'expect', pattern: '*New password:' },
          { kind: 'exec', text: next },
          { kind: 'expect', pattern: '*Retype new password:' },
          { kind: 'exec', text: next },
          { kind: 'expect', pattern: '*successfully' },
          PROMPT,
          { kind: 'exec', text: 'exit' },
          { kind: 'end' },
        ],
      ),
    );
    expectSuccess(result);
    expectNoSecret(result, [ACCOUNTS.ops, next]);
    expect(await tryLogin({ target: ssh, auth: { username: 'dave', password: next } })).toBe('accepted');
    expect(await tryLogin({ target: ssh, auth: { username: 'dave', password: ACCOUNTS.dave } })).toBe('rejected');
  });

  it('fails an expect that times out, naming its template line and what it waited for', async () => {
    const started = Date.now();
    const result = await runSshScript(
      ssh,
      { username: 'frank', password: ACCOUNTS.frank },
      script(
        [],
        [
          { kind: 'set-read-timeout', seconds: 1 },
          PROMPT,
          { kind: 'exec', text: 'echo ready' },
          { kind: 'expect', pattern: '*this text never appears' },
          { kind: 'end' },
        ],
        10,
      ),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure).toMatchObject({ kind: 'timeout', line: 13, step: 'expect' });
    expect(result.failure.message).toMatch(/^Line 13: expect "\*this text never appears" timed out after 1 s/);
    // What the device printed is in the masked transcript, never in the message.
    expect(result.failure.message).not.toContain('ready');
    expect(result.transcript.some((entry) => entry.kind === 'received' && entry.text.includes('ready'))).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('does not match the echo of its own command: "*password:" typed in a comment is not a prompt', async () => {
    const result = await runSshScript(
      ssh,
      { username: 'frank', password: ACCOUNTS.frank },
      script(
        [],
        [
          { kind: 'set-read-timeout', seconds: 1 },
          PROMPT,
          { kind: 'exec', text: '# Current password: is only in this comment' },
          { kind: 'expect', pattern: '*password:' },
        ],
      ),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure).toMatchObject({ kind: 'timeout', line: 4 });
    // ...while the same text printed by the device does match.
    const printed = await runSshScript(
      ssh,
      { username: 'frank', password: ACCOUNTS.frank },
      script([], [PROMPT, { kind: 'exec', text: "printf '%s\\n' 'Current password:'" }, { kind: 'expect', pattern: '*password:' }, { kind: 'end' }]),
    );
    expectSuccess(printed);
  });

  it('fails a no-expect whose pattern appears, and passes one whose pattern does not', async () => {
    const passing = await runSshScript(
      ssh,
      { username: 'frank', password: ACCOUNTS.frank },
      script(
        [],
        [
          { kind: 'set-read-timeout', seconds: 1 },
          PROMPT,
          { kind: 'exec', text: 'echo all good' },
          { kind: 'no-expect', pattern: '*Authentication token manipulation error*' },
          { kind: 'expect', pattern: '*all good' },
          { kind: 'end' },
        ],
      ),
    );
    expectSuccess(passing);

    const failing = await runSshScript(
      ssh,
      { username: 'frank', password: ACCOUNTS.frank },
      script(
        [],
        [
          { kind: 'set-read-timeout', seconds: 2 },
          PROMPT,
          { kind: 'exec', text: "printf 'passwd: %s\\n' 'Authentication token manipulation error'" },
          { kind: 'no-expect', pattern: '*token manipulation*' },
          { kind: 'end' },
        ],
      ),
    );
    expect(failing.ok).toBe(false);
    if (failing.ok) return;
    expect(failing.failure).toMatchObject({ kind: 'pattern-seen', line: 4, step: 'no-expect' });
    expect(failing.failure.message).toMatch(/^Line 4: no-expect/);
  });

  it('reports a connection closed by the device while a step waits', async () => {
    const result = await runSshScript(
      ssh,
      { username: 'frank', password: ACCOUNTS.frank },
      script([], [PROMPT, { kind: 'exec', text: 'exit' }, { kind: 'expect', pattern: '*never' }]),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure).toMatchObject({ kind: 'connection-closed', line: 3 });
  });

  it('fails with auth-failed on a wrong password, and never shows it', async () => {
    const wrong = 'Definitely-Wrong-1';
    const result = await runSshScript(ssh, { username: 'frank', password: wrong }, script([], [PROMPT]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.kind).toBe('auth-failed');
    expect(JSON.stringify(result)).not.toContain(wrong);
  });
});
