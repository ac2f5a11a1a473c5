import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSshScript } from '../../../main/executors/ssh/run-ssh-script';
import type { SshAuth, SshRunResult, SshTarget } from '../../../main/executors/ssh/ssh-types';
import { formatTranscript } from '../../../main/executors/ssh/transcript-recorder';
import { generateSshKeyPair } from '../../../main/policies/generate-ssh-key-pair';
import { BUILTIN_TEMPLATES, readBuiltinTemplate } from '../../../main/templates/builtin/builtin-templates';
import { lintTemplate } from '../../../main/templates/lint-template';
import { renderTemplate, TemplateRenderError } from '../../../main/templates/render-template';
import type { RenderContext } from '../../../main/templates/render-context';
import type { RenderedScript, TemplateStep } from '../../../main/templates/template-ast';
import { buildTagValues } from '../../../main/templates/tag-values';
import { hasControlCharacter } from '../../../shared/domain/control-characters';
import { needsTool } from '../../support/needs-tool';
import { isSudoInstalled, startLinuxTarget, SUDO_SKIP_REASON, type LinuxTarget } from '../../support/targets/linux-sshd';
import { tryPasswordLogin } from '../../support/targets/try-password-login';
import { hostileValues } from './hostile-values';

/**
 * Every hostile value goes through every built-in Linux template against one real sshd (the Cisco
 * template is a network CLI: test/main/security/hostile-values-cisco.test.ts). A value with a
 * control character must be refused at rendering, so nothing is sent; any other value is typed,
 * and must change only the account it names (or nothing), never run the canary.
 */
const CANARY = `/tmp/pamdesk-canary-${randomBytes(6).toString('hex')}`;
const VALUES = hostileValues(CANARY);
const WORKERS = 8;
const ROOT_PASSWORD = 'Root-Corpus-Start-1';
const SAM_PASSWORD = 'Sam-Corpus-Sudo-1';
const victim = (worker: number) => `victim${worker}`;
const keyUser = (worker: number) => `keys${worker}`;
const START_PASSWORD = (worker: number) => `Victim-Start-${worker}-pw`;
const KEY_USER_PASSWORD = 'Keys-Corpus-Login-1';

let target: LinuxTarget;
let ssh: SshTarget;

beforeAll(async () => {
  const sudo = isSudoInstalled();
  target = await startLinuxTarget({
    accounts: [
      ...(sudo ? [{ username: 'sam', password: SAM_PASSWORD, sudo: true }] : []),
      { username: 'bystander', password: 'Bystander-Never-Changes-1' },
      ...Array.from({ length: WORKERS }, (_, w) => ({ username: victim(w), password: START_PASSWORD(w) })),
      ...Array.from({ length: WORKERS }, (_, w) => ({ username: keyUser(w), password: KEY_USER_PASSWORD })),
    ],
    rootPassword: ROOT_PASSWORD,
  });
  ssh = { host: target.host, port: target.port, pinnedFingerprint: target.hostKeyFingerprint };
}, 60_000);

afterAll(async () => {
  await target?.stop();
});

it('the corpus has at least 100 values, with and without control characters', () => {
  expect(VALUES.length).toBeGreaterThanOrEqual(100);
  expect(VALUES.filter(hasControlCharacter).length).toBeGreaterThan(20);
  expect(VALUES.filter((v) => !hasControlCharacter(v)).length).toBeGreaterThan(60);
});

function builtin(name: string): { steps: readonly TemplateStep[]; target: 'posix' | 'network-cli'; source: string } {
  const found = BUILTIN_TEMPLATES.find((t) => t.name === name);
  if (!found) throw new Error(`no built-in template ${name}`);
  const source = readBuiltinTemplate(found);
  const lint = lintTemplate(source);
  expect(lint.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { steps: lint.steps, target: found.shell ?? 'posix', source };
}

/** The template's source line of the first step matching `text` (to prove where a run stopped). */
function lineOf(source: string, text: string): number {
  const index = source.split('\n').findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`no line with ${text}`);
  return index + 1;
}

/** The built-in as written, with a shorter read timeout: hostile runs mostly end in a timeout. */
function withReadTimeout(steps: readonly TemplateStep[], seconds: number): TemplateStep[] {
  return steps.map((step) => (step.kind === 'set-read-timeout' ? { ...step, seconds } : step));
}

type Rendered = { kind: 'refused'; error: TemplateRenderError } | { kind: 'script'; script: RenderedScript };

function render(steps: readonly TemplateStep[], templateTarget: 'posix' | 'network-cli', context: RenderContext): Rendered {
  try {
    return { kind: 'script', script: renderTemplate(steps, buildTagValues(context), templateTarget) };
  } catch (error) {
    if (error instanceof TemplateRenderError) return { kind: 'refused', error };
    throw error;
  }
}

/** A control character is refused before anything is sent; anything else renders. */
function expectRenderVerdict(value: string, rendered: Rendered): rendered is { kind: 'script'; script: RenderedScript } {
  if (hasControlCharacter(value)) {
    expect(rendered.kind, JSON.stringify(value)).toBe('refused');
    if (rendered.kind === 'refused') expect(rendered.error.code).toBe('unsafe-tag-value');
    return false;
  }
  expect(rendered.kind, JSON.stringify(value)).toBe('script');
  return rendered.kind === 'script';
}

async function pool<T>(items: readonly T[], work: (item: T, worker: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, worker) => {
      for (let index = next++; index < items.length; index = next++) await work(items[index] as T, worker);
    }),
  );
}

async function expectNoCanary(): Promise<void> {
  const probe = await target.exec(`test -e ${CANARY} && echo FIRED || echo clean`);
  expect(probe.stdout.trim(), `canary ${CANARY}`).toBe('clean');
}

/** /etc/shadow lines by account, to prove which accounts changed. */
async function shadow(): Promise<Map<string, string>> {
  const text = (await target.exec('cat /etc/shadow')).stdout;
  return new Map(text.split('\n').filter((l) => l !== '').map((line) => [line.split(':')[0] ?? '', line]));
}

function changedAccounts(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((name) => before.get(name) !== after.get(name)).sort();
}

const describeRun = (result: SshRunResult) => (result.ok ? 'ok' : `${result.failure.kind} line ${result.failure.line}: ${result.failure.message}\n${formatTranscript(result.transcript)}`);

/**
 * A hostile username reaches `passwd -- 'value'` (as root, or via sudo): no such account exists,
 * so passwd refuses and the run times out waiting for "New password:". The run must reach that
 * line (the value was typed and executed) and no account may change.
 */
async function usernameCorpus(templateName: string, auth: SshAuth, authPassword: string | null): Promise<void> {
  const template = builtin(templateName);
  const passwdExpect = lineOf(template.source, 'expect "*ew*assword:*"');
  const before = await shadow();
  await pool(VALUES, async (value) => {
    const context: RenderContext = { credential: { username: value, currentPassword: authPassword }, device: { ip: ssh.host, hostname: 'corpus' }, newPassword: 'Never-Set-Password-1', ...(authPassword ? { authCredential: { username: auth.username, password: authPassword } } : {}) };
    let rendered = render(withReadTimeout(template.steps, 1.5), template.target, context);
    if (!expectRenderVerdict(value, rendered)) return;
    let result = await runSshScript(ssh, auth, rendered.script);
    if (!result.ok && result.failure.line !== passwdExpect) {
      // A loaded machine can miss a 1.5 s prompt before the value was sent: run once more, slower.
      rendered = render(withReadTimeout(template.steps, 6), template.target, context) as typeof rendered;
      if (rendered.kind === 'script') result = await runSshScript(ssh, auth, rendered.script);
    }
    expect(result.ok, describeRun(result)).toBe(false);
    if (!result.ok) expect(result.failure.line, describeRun(result)).toBe(passwdExpect);
  });
  await expectNoCanary();
  expect(changedAccounts(before, await shadow())).toEqual([]);
}

describe('hostile values through every built-in Linux template on a real sshd', () => {
  it('the TAB attack on "Linux - Change password as root" is refused before anything is sent', () => {
    const template = builtin('Linux - Change password as root');
    const rendered = render(template.steps, template.target, { credential: { username: `/etc/hostnam\t;touch ${CANARY};#` }, device: { ip: ssh.host, hostname: 'corpus' }, newPassword: 'x-Password-1' });
    expect(rendered.kind).toBe('refused');
    if (rendered.kind === 'refused') expect(rendered.error.message).toMatch(/\[#USERNAME#\] contains a TAB .*Nothing was sent/);
  });

  it('Linux - Change password as root: hostile usernames change no account and run nothing', async () => {
    await usernameCorpus('Linux - Change password as root', { username: 'root', password: ROOT_PASSWORD }, null);
  }, 180_000);

  it('Linux - Reconcile password as root: hostile usernames change no account and run nothing', async () => {
    await usernameCorpus('Linux - Reconcile password as root', { username: 'root', password: ROOT_PASSWORD }, null);
  }, 180_000);

  const sudoGate = needsTool(isSudoInstalled(), SUDO_SKIP_REASON);
  it.skipIf(sudoGate.skip)(sudoGate.title('Linux - Change password via sudo: hostile usernames change no account and run nothing'), async () => {
    await usernameCorpus('Linux - Change password via sudo', { username: 'sam', password: SAM_PASSWORD }, SAM_PASSWORD);
  }, 180_000);

  it('Linux - Change password as root, then Linux - Verify: a hostile new password is set exactly on the one account', async () => {
    const template = builtin('Linux - Change password as root');
    const verify = builtin('Linux - Verify');
    const before = await shadow();
    const current = Array.from({ length: WORKERS }, (_, w) => START_PASSWORD(w));
    let set = 0;
    await pool(VALUES, async (value, worker) => {
      const rendered = render(withReadTimeout(template.steps, 4), template.target, { credential: { username: victim(worker) }, device: { ip: ssh.host, hostname: 'corpus' }, newPassword: value });
      if (!expectRenderVerdict(value, rendered)) return;
      const result = await runSshScript(ssh, { username: 'root', password: ROOT_PASSWORD }, rendered.script);
      if (!result.ok) {
        // passwd refuses some values itself ("You must choose a shorter password"): nothing changed.
        expect(result.failure.message, describeRun(result)).toMatch(/updated successfully/);
        expect(await tryPasswordLogin(target, victim(worker), current[worker] ?? '')).toBe('accepted');
        return;
      }
      set += 1;
      const login = render(verify.steps, verify.target, { credential: { username: victim(worker) }, device: { ip: ssh.host, hostname: 'corpus' } });
      if (login.kind !== 'script') throw new Error('Linux - Verify has no tags to refuse');
      const verified = await runSshScript(ssh, { username: victim(worker), password: value }, login.script);
      expect(verified.ok, describeRun(verified)).toBe(true);
      expect(await tryPasswordLogin(target, victim(worker), current[worker] ?? '')).toBe('rejected');
      current[worker] = value;
    });
    expect(set).toBeGreaterThan(VALUES.filter((v) => !hasControlCharacter(v)).length - 5);
    await expectNoCanary();
    const changed = changedAccounts(before, await shadow());
    expect(changed.every((name) => /^victim\d$/.test(name)), changed.join(',')).toBe(true);
    for (let w = 0; w < WORKERS; w += 1) expect(await tryPasswordLogin(target, victim(w), current[w] ?? '')).toBe('accepted');
  }, 180_000);

  it('Linux - Change own password: a hostile new password is set exactly, or refused by passwd, on the one account', async () => {
    const template = builtin('Linux - Change own password');
    const before = await shadow();
    const current = Array.from({ length: WORKERS }, (_, w) => `Own-Start-${w}-pw`);
    // The previous test left hostile passwords; start each victim from a known one.
    for (let w = 0; w < WORKERS; w += 1) await target.exec(`chpasswd`, { stdin: `${victim(w)}:${current[w]}\n` });
    await pool(VALUES, async (value, worker) => {
      const name = victim(worker);
      const rendered = render(withReadTimeout(template.steps, 3), template.target, { credential: { username: name, currentPassword: current[worker] ?? '' }, device: { ip: ssh.host, hostname: 'corpus' }, newPassword: value });
      if (!expectRenderVerdict(value, rendered)) return;
      const result = await runSshScript(ssh, { username: name, password: current[worker] ?? '' }, rendered.script);
      // passwd may refuse a weak password for a non-root user; then nothing changed.
      const now = result.ok ? value : (current[worker] ?? '');
      expect(await tryPasswordLogin(target, name, now), describeRun(result)).toBe('accepted');
      current[worker] = now;
    });
    await expectNoCanary();
    const changed = changedAccounts(before, await shadow());
    expect(changed.every((name) => /^victim\d$/.test(name)), changed.join(',')).toBe(true);
  }, 180_000);

  it('Linux - SSH key rotation - add, then - remove old: a hostile key comment adds and removes exactly its own line', async () => {
    const add = builtin('Linux - SSH key rotation - add');
    const removeOld = builtin('Linux - SSH key rotation - remove old');
    const first = await generateSshKeyPair('ssh-ed25519', { comment: 'first' });
    const second = await generateSshKeyPair('ssh-ed25519', { comment: 'second' });
    const material = (line: string) => line.split(' ').slice(0, 2).join(' ');
    const unmanaged = `${material((await generateSshKeyPair('ssh-ed25519')).publicKey)} someone@laptop`;
    for (let w = 0; w < WORKERS; w += 1) {
      await target.exec(`mkdir -p /home/${keyUser(w)}/.ssh && printf '%s\\n' '${unmanaged}' > /home/${keyUser(w)}/.ssh/authorized_keys && chown -R ${keyUser(w)}: /home/${keyUser(w)}/.ssh && chmod 700 /home/${keyUser(w)}/.ssh && chmod 600 /home/${keyUser(w)}/.ssh/authorized_keys`);
    }
    const expected = Array.from({ length: WORKERS }, () => [unmanaged]);
    const before = await shadow();
    await pool(VALUES, async (comment, worker) => {
      const name = keyUser(worker);
      const auth = { username: name, password: KEY_USER_PASSWORD };
      const context = (newKey: string, oldKey: string | null): RenderContext => ({ credential: { username: name }, device: { ip: ssh.host, hostname: 'corpus' }, sshKey: { newPublicKey: newKey, oldPublicKey: oldKey, comment } });
      const steps: [typeof add, RenderContext][] = [
        [add, context(first.publicKey, null)],
        [add, context(second.publicKey, null)],
        [removeOld, context(second.publicKey, first.publicKey)],
      ];
      for (const [template, values] of steps) {
        const rendered = render(template.steps, template.target, values);
        if (!expectRenderVerdict(comment, rendered)) return;
        const result = await runSshScript(ssh, auth, rendered.script);
        expect(result.ok, describeRun(result)).toBe(true);
      }
      expected[worker]?.push(`${material(second.publicKey)} ${comment}`);
      const keys = (await target.exec(`cat /home/${name}/.ssh/authorized_keys`)).stdout;
      expect(keys).toBe(`${(expected[worker] ?? []).join('\n')}\n`);
    });
    await expectNoCanary();
    expect(changedAccounts(before, await shadow())).toEqual([]);
  }, 180_000);
});
