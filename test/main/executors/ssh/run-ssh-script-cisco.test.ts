import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runSshScript } from '../../../../main/executors/ssh/run-ssh-script';
import type { SshRunResult, SshTarget } from '../../../../main/executors/ssh/ssh-types';
import { formatTranscript } from '../../../../main/executors/ssh/transcript-recorder';
import { tryLogin } from '../../../../main/executors/ssh/try-login';
import { startCiscoTarget, type CiscoTarget } from '../../../support/targets/cisco-ios';
import { tryPasswordLogin } from '../../../support/targets/try-password-login';
import { script } from './script-fixture';

const OLD = 'Netops-Old-1';
const ENABLE = 'Enable-Secret-2';
// A secret that contains the very prompt the template waits for: only skipping our own echo keeps
// `expect "*(config)#"` from matching the command line that carries it.
const NEW = 'N3w secret (config)#';

let router: CiscoTarget;
let ssh: SshTarget;

beforeEach(async () => {
  router = await startCiscoTarget({ users: { netops: OLD }, enableSecret: ENABLE });
  ssh = { host: router.host, port: router.port, pinnedFingerprint: router.hostKeyFingerprint };
});

afterEach(async () => {
  await router.stop();
});

function expectSuccess(result: SshRunResult): void {
  if (!result.ok) throw new Error(`${result.failure.message}\n${formatTranscript(result.transcript)}`);
}

describe('runSshScript against a Cisco-IOS-like device', () => {
  it('answers the --More-- pager, so a listing longer than a screen reaches the prompt after it', async () => {
    const result = await runSshScript(
      ssh,
      { username: 'netops', password: OLD },
      script(
        [ENABLE],
        [
          { kind: 'set-read-timeout', seconds: 3 },
          { kind: 'expect', pattern: '*>' },
          { kind: 'exec', text: 'enable' },
          { kind: 'expect', pattern: '*Password:' },
          { kind: 'exec', text: ENABLE },
          { kind: 'expect', pattern: '*#' },
          { kind: 'exec', text: 'show running-config' },
          // Ten screens down: only reached if every pager was answered.
          { kind: 'expect', pattern: '*interface GigabitEthernet0/60*' },
          { kind: 'expect', pattern: '*Router#' },
          { kind: 'exec', text: 'exit' },
          { kind: 'end' },
        ],
        1,
        'network-cli',
      ),
    );
    expectSuccess(result);
    const transcript = formatTranscript(result.transcript);
    expect(transcript.match(/answered a pager with a space/g)?.length ?? 0).toBeGreaterThanOrEqual(10);
  });

  it('enable + configure terminal + username secret + end + write memory; a fresh login proves it', async () => {
    const result = await runSshScript(
      ssh,
      { username: 'netops', password: OLD },
      script(
        [ENABLE, NEW],
        [
          { kind: 'set-new-line-mode', mode: 'windows' },
          { kind: 'expect', pattern: '*>' },
          { kind: 'exec', text: 'enable' },
          { kind: 'expect', pattern: '*Password:' },
          { kind: 'exec', text: ENABLE },
          { kind: 'expect', pattern: '*#' },
          { kind: 'exec', text: 'configure terminal' },
          { kind: 'expect', pattern: '*(config)#' },
          { kind: 'exec', text: `username netops secret ${NEW}` },
          { kind: 'expect', pattern: '*(config)#' },
          { kind: 'exec', text: 'end' },
          { kind: 'expect', pattern: '*#' },
          { kind: 'exec', text: 'write memory' },
          { kind: 'expect', pattern: '*[OK]' },
          { kind: 'expect', pattern: '*#' },
          { kind: 'exec', text: 'exit' },
          { kind: 'end' },
        ],
        1,
        'network-cli',
      ),
    );
    expectSuccess(result);
    expect(router.users.get('netops')).toBe(NEW);
    expect(router.device.writes).toBe(1);
    expect(await tryLogin({ target: ssh, auth: { username: 'netops', password: NEW } })).toBe('accepted');
    expect(await tryLogin({ target: ssh, auth: { username: 'netops', password: OLD } })).toBe('rejected');
    expect(await tryPasswordLogin(router, 'netops', NEW)).toBe('accepted');
    const everything = JSON.stringify(result);
    for (const secret of [OLD, ENABLE, NEW]) expect(everything).not.toContain(secret);
  });

  it('fails a no-expect on "% Invalid input" when the device rejects a command', async () => {
    const result = await runSshScript(
      ssh,
      { username: 'netops', password: OLD },
      script(
        [],
        [
          { kind: 'set-read-timeout', seconds: 1 },
          { kind: 'expect', pattern: '*>' },
          { kind: 'exec', text: 'configure terminal' },
          { kind: 'no-expect', pattern: '*% Invalid input*' },
          { kind: 'end' },
        ],
        1,
        'network-cli',
      ),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure).toMatchObject({ kind: 'pattern-seen', line: 4 });
  });

  it('times out on a wrong enable secret, naming the line that waited for the # prompt', async () => {
    const result = await runSshScript(
      ssh,
      { username: 'netops', password: OLD },
      script(
        ['wrong-enable'],
        [
          { kind: 'set-read-timeout', seconds: 1 },
          { kind: 'expect', pattern: '*>' },
          { kind: 'exec', text: 'enable' },
          { kind: 'expect', pattern: '*Password:' },
          { kind: 'exec', text: 'wrong-enable' },
          { kind: 'expect', pattern: '*#' },
        ],
        1,
        'network-cli',
      ),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure).toMatchObject({ kind: 'timeout', line: 6, step: 'expect' });
    // The device's last output is in the masked transcript, not in the message.
    expect(result.failure.message).toMatch(/^Line 6: expect "\*#" timed out after 1 s without a match/);
    expect(result.transcript.some((entry) => entry.kind === 'received' && entry.text.includes('Password:'))).toBe(true);
    expect(JSON.stringify(result)).not.toContain('wrong-enable');
  });
});
