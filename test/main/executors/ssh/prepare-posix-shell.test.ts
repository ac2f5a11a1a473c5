import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREPARE_POSIX_SHELL } from '../../../../main/executors/ssh/prepare-posix-shell';
import { runSshScript } from '../../../../main/executors/ssh/run-ssh-script';
import type { SshTarget } from '../../../../main/executors/ssh/ssh-types';
import { formatTranscript } from '../../../../main/executors/ssh/transcript-recorder';
import { startCiscoTarget, type CiscoTarget } from '../../../support/targets/cisco-ios';
import { startLinuxTarget, type LinuxTarget } from '../../../support/targets/linux-sshd';
import { PROMPT, script } from './script-fixture';

/**
 * The second wall: even a TAB that got past rendering (this test hand-writes the rendered script)
 * must not reach bash's completion. Without the preparation the same line really does run the
 * canary, which proves the attack and the test.
 */
const ROOT_PASSWORD = 'Root-Prepare-1';
let linux: LinuxTarget;
let ssh: SshTarget;
let cisco: CiscoTarget;

beforeAll(async () => {
  [linux, cisco] = await Promise.all([startLinuxTarget({ accounts: [], rootPassword: ROOT_PASSWORD }), startCiscoTarget({ users: { netops: 'Net-Ops-1' }, enableSecret: 'Enable-1' })]);
  ssh = { host: linux.host, port: linux.port, pinnedFingerprint: linux.hostKeyFingerprint };
}, 60_000);

afterAll(async () => {
  await Promise.all([linux?.stop(), cisco?.stop()]);
});

const exists = async (path: string) => (await linux.exec(`test -e ${path} && echo yes || echo no`)).stdout.trim() === 'yes';

function tabAttack(canary: string, target: 'posix' | 'network-cli') {
  return script(
    [],
    [
      { kind: 'set-read-timeout', seconds: 10 },
      PROMPT,
      // What `passwd -- [#USERNAME|sh#]` would type for the username "/etc/hostnam<TAB>;touch ...;#".
      { kind: 'exec', text: `: -- '/etc/hostnam\t;touch ${canary};#'` },
      PROMPT,
      { kind: 'exec', text: `printf 'pamdesk-%s\\n' done` },
      { kind: 'expect', pattern: '*pamdesk-done*' },
      { kind: 'exec', text: 'exit' },
      { kind: 'end' },
    ],
    1,
    target,
  );
}

describe('preparing a POSIX shell before the template', () => {
  it('a TAB typed into bash completes nothing: without the preparation the canary fires, with it it does not', async () => {
    const unprepared = `/tmp/pamdesk-tab-${randomBytes(4).toString('hex')}`;
    const withoutPreparation = await runSshScript(ssh, { username: 'root', password: ROOT_PASSWORD }, tabAttack(unprepared, 'network-cli'));
    expect(withoutPreparation.ok, withoutPreparation.ok ? '' : withoutPreparation.failure.message).toBe(true);
    expect(await exists(unprepared)).toBe(true);

    const prepared = `/tmp/pamdesk-tab-${randomBytes(4).toString('hex')}`;
    const result = await runSshScript(ssh, { username: 'root', password: ROOT_PASSWORD }, tabAttack(prepared, 'posix'));
    expect(result.ok, result.ok ? '' : `${result.failure.message}\n${formatTranscript(result.transcript)}`).toBe(true);
    expect(await exists(prepared)).toBe(false);
    expect(formatTranscript(result.transcript)).toContain('preparing the POSIX shell');
  });

  it('history is off: nothing the template typed is written to the account\'s history (bash writes it otherwise)', async () => {
    const typedAndSaved = async (target: 'posix' | 'network-cli'): Promise<boolean> => {
      await linux.exec('rm -f /root/.bash_history');
      const marker = `pamdesk-history-${randomBytes(4).toString('hex')}`;
      const steps = [PROMPT, { kind: 'exec', text: `: ${marker}` }, PROMPT, { kind: 'exec', text: 'exit' }, { kind: 'expect', pattern: '*never printed' }] as const;
      // Waiting for the shell to close (the expect ends with 'closed') lets bash write its history on exit.
      await runSshScript(ssh, { username: 'root', password: ROOT_PASSWORD }, script([], [{ kind: 'set-read-timeout', seconds: 5 }, ...steps], 1, target));
      return (await linux.exec('cat /root/.bash_history 2>/dev/null || true')).stdout.includes(marker);
    };
    expect(await typedAndSaved('network-cli')).toBe(true);
    expect(await typedAndSaved('posix')).toBe(false);
  });

  it('a network CLI gets no preparation: a script for a POSIX device run on IOS fails, saying to set the shell on the device', async () => {
    const target = { host: cisco.host, port: cisco.port, pinnedFingerprint: cisco.hostKeyFingerprint };
    const steps = [{ kind: 'set-read-timeout', seconds: 2 }, { kind: 'expect', pattern: '*>' }, { kind: 'exec', text: 'exit' }, { kind: 'end' }] as const;
    const posix = await runSshScript(target, { username: 'netops', password: 'Net-Ops-1' }, script([], steps, 1, 'posix'));
    expect(posix.ok).toBe(false);
    if (!posix.ok) expect(posix.failure).toMatchObject({ kind: 'invalid-step', message: expect.stringMatching(/no template command was sent.*set its shell to network CLI on the device/) });
    const cli = await runSshScript(target, { username: 'netops', password: 'Net-Ops-1' }, script([], steps, 1, 'network-cli'));
    expect(cli.ok, cli.ok ? '' : cli.failure.message).toBe(true);
    expect(JSON.stringify(cli.transcript)).not.toContain(PREPARE_POSIX_SHELL.slice(0, 20));
  });
});
