import { afterEach, describe, expect, it } from 'vitest';
import { shellQuote } from '../../../main/templates/shell-quote';
import { startRunnerWorld, type RunnerWorld } from '../../support/runner-world';
import { tryPasswordLogin } from '../../support/targets/try-password-login';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
let world: RunnerWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** Current secret (on the target and in the vault) and the typed candidate, per account. */
const CASES = [
  { username: 'quotes', current: `q"uo'te\\back`, candidate: `new"pw\\'x\\\\y` },
  { username: 'regex', current: '.*+?^${}()|[]\\', candidate: '(a+)+$[^x]{2}' },
  { username: 'unicode', current: 'ñandú-密码-🔑', candidate: 'ünïcødé—“quoted”' },
  { username: 'onechar', current: '§', candidate: '¤' },
] as const;

/**
 * A change template that prints both secrets on the device (so they are in its last output), then
 * fails on a step whose own text holds the current secret: the two ways a secret used to reach a
 * failure message (the device's output and the step, JSON-quoted before masking).
 */
const LEAKY_TEMPLATE = [
  'set-read-timeout 1',
  'expect-regex "/[$#%] ?(\\x1b\\[[0-9;?]*[A-Za-z])*$/"',
  '# pamdesk: allow secret-on-command-line',
  `exec "printf '%s|%s\\n' [#CURRENT_PASSWORD|sh#] [#NEW_PASSWORD|sh#]"`,
  'expect "[#CURRENT_PASSWORD#] never printed"',
  'end',
  '',
].join('\n');

/** Every spelling a secret could take in a message: raw, JSON-escaped, shell-quoted. */
function spellings(secret: string): string[] {
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), shellQuote(secret)])];
}

describe('secrets never reach runner messages', () => {
  it('a failed run with secrets holding quotes, backslashes, regex metacharacters, non-ASCII or one character leaves none in any message or transcript', async () => {
    world = await startRunnerWorld(
      tempDir(),
      CASES.map((c) => ({ username: c.username, password: c.current })),
    );
    const w = world;
    const messages: string[] = [];
    w.core.events.subscribe((name, payload) => {
      const message = (payload as { message?: string | null }).message;
      if (name === 'operation.changed' && message) messages.push(message);
    });
    await w.call('template.save', { input: { name: 'Leaky change', executor: 'ssh', operation_type: 'change_password', active: true, variables: [], body: LEAKY_TEMPLATE } });
    const codes: string[] = [];
    for (const c of CASES) {
      const id = await w.addCredential(c.username, c.current, { execution_settings: { automatic_change: true, change_plugin: 'SSH', change_template: 'Leaky change', use_own_credential_to_connect: true } });
      // The typed secret rides on the operation as its candidate (reset dialog, "Change on target").
      const reset = await w.call('credential.reset', { id, kind: 'password', secret: c.candidate, changeOnTarget: true, acceptInSyncLoss: false });
      if (reset.mode !== 'target') throw new Error('expected a change on the target');
      codes.push(reset.operationCode);
    }
    await w.runUntilIdle();

    const texts: string[] = [...messages];
    for (const code of codes) {
      const op = await w.operation(code);
      expect(op.state).toBe('Error');
      expect(op.message).toMatch(/never printed" timed out after 1 s without a match/);
      texts.push(op.message ?? '');
      for (const attempt of await w.call('operation.attempts', { code })) texts.push(attempt.error ?? '', attempt.transcript);
    }
    expect(messages.length).toBeGreaterThanOrEqual(CASES.length);
    for (const c of CASES) {
      for (const secret of [c.current, c.candidate]) {
        for (const spelling of spellings(secret)) {
          for (const text of texts) expect(text.includes(spelling), `${JSON.stringify(spelling)} in ${JSON.stringify(text)}`).toBe(false);
        }
      }
      // The target kept its secret: the failure was real, not a masking accident.
      expect(await tryPasswordLogin(w.target, c.username, c.current)).toBe('accepted');
    }
    // The device did print the secrets: the transcript shows the masked line.
    const transcript = (await w.call('operation.attempts', { code: codes[0] ?? '' }))[0]?.transcript ?? '';
    expect(transcript).toContain('********|********');
  });
});
