import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES, builtinTemplateDir, readBuiltinTemplate } from '../../../main/templates/builtin/builtin-templates';
import { deviceExecutorFor } from '../../../main/executors/registry';
import { lintTemplate } from '../../../main/templates/lint-template';
import type { RenderContext } from '../../../main/templates/render-context';
import { renderTemplate } from '../../../main/templates/render-template';
import type { RenderedStep } from '../../../main/templates/template-ast';
import { buildTagValues } from '../../../main/templates/tag-values';

const byName = (name: string) => {
  const found = BUILTIN_TEMPLATES.find((t) => t.name === name);
  if (found === undefined) throw new Error(`no built-in ${name}`);
  return readBuiltinTemplate(found);
};

const OTHER_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOtherOtherOtherOtherOtherOtherOtherOth alice@laptop';
const OLD_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOldOldOldOldOldOldOldOldOldOldOldOldOldO';
const NEW_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINewNewNewNewNewNewNewNewNewNewNewNewNewN';
const MARKER = 'pamdesk-managed:cred-42';

const CONTEXT: RenderContext = {
  credential: { username: 'alice', currentPassword: 'old-pw' },
  device: { ip: '192.0.2.1', hostname: 'web-1' },
  authCredential: { username: 'ops', password: 'sudo-pw' },
  newPassword: 'new-pw',
  sshKey: { newPublicKey: `${NEW_KEY} generated-comment`, oldPublicKey: OLD_KEY, comment: MARKER },
};

/** The built-ins in the expect language (SSH); the SQL ones are checked by their executor below. */
const TERMINAL = BUILTIN_TEMPLATES.filter((t) => (t.executor ?? 'ssh') === 'ssh');
const SQL = BUILTIN_TEMPLATES.filter((t) => t.executor === 'postgresql' || t.executor === 'mysql');

describe('built-in templates', () => {
  it.each(BUILTIN_TEMPLATES.filter((t) => t.executor === 'ldap').map((t) => [t.name, t] as const))('%s compiles with no error and no warning in the LDAP language', (_name, template) => {
    expect(deviceExecutorFor('ldap').compile(readBuiltinTemplate(template), []).diagnostics).toEqual([]);
  });

  it('the index lists every text file in the folder, and each exists', () => {
    const files = readdirSync(builtinTemplateDir()).filter((f) => f.endsWith('.txt')).sort();
    // An administrator's change and a reconciliation may share one body (the LDAP ones do).
    expect([...new Set(BUILTIN_TEMPLATES.map((t) => t.file))].sort()).toEqual(files);
    expect(new Set(BUILTIN_TEMPLATES.map((t) => t.name)).size).toBe(BUILTIN_TEMPLATES.length);
  });

  it.each(TERMINAL.map((t) => [t.name, t] as const))('%s parses and lints with no error and no warning for its devices, and renders', (_name, template) => {
    const lint = lintTemplate(readBuiltinTemplate(template), [], template.shell ?? 'posix');
    expect(lint.diagnostics).toEqual([]);
    expect(lint.steps.at(-1)?.kind).toBe('end');
    expect(() => renderTemplate(lint.steps, buildTagValues(CONTEXT))).not.toThrow();
  });

  it('only the Cisco template is for a network CLI: on a POSIX device its secrets on command lines are refused', () => {
    for (const template of TERMINAL) {
      expect(template.shell ?? 'posix').toBe(template.name.startsWith('Cisco') ? 'network-cli' : 'posix');
      expect(lintTemplate(readBuiltinTemplate(template), [], template.shell ?? 'posix').diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    }
    const cisco = BUILTIN_TEMPLATES.find((t) => t.shell === 'network-cli');
    if (cisco === undefined) throw new Error('no built-in template for a network CLI');
    const onPosix = lintTemplate(readBuiltinTemplate(cisco), [], 'posix').diagnostics.filter((d) => d.severity === 'error');
    expect(onPosix.map((d) => d.code)).toContain('secret-on-command-line');
  });
});

describe('built-in SQL templates', () => {
  it.each(SQL.map((t) => [t.name, t] as const))('%s compiles with no diagnostic for its executor and renders', (_name, template) => {
    const compiled = deviceExecutorFor(template.executor ?? 'ssh').compile(readBuiltinTemplate(template), []);
    expect(compiled.diagnostics).toEqual([]);
    const program = compiled.render(buildTagValues({ ...CONTEXT, credential: { ...CONTEXT.credential, additionalInfo: 'app.example.net' } }), 'posix');
    expect(program.lines).toHaveLength(1);
    // PostgreSQL gets the SCRAM verifier, never the password.
    if (template.executor === 'postgresql') expect(program.lines.join('\n')).not.toContain('new-pw');
    expect(program.secrets).toContain('new-pw');
  });

  it('each database has an own change, a change as administrator and a reconciliation', () => {
    for (const executor of ['postgresql', 'mysql'] as const) {
      expect(SQL.filter((t) => t.executor === executor).map((t) => t.operationType).sort()).toEqual(['change_password', 'change_password', 'reconcile']);
    }
  });
});

describe('built-in prompt patterns', () => {
  const regexes = (name: string) =>
    lintTemplate(byName(name)).steps.flatMap((s) => (s.kind === 'expect-regex' ? [new RegExp(s.source, s.flags)] : []));

  it('the Linux prompt matches $, # and % prompts, also with bracketed paste, and not PS2 or command echoes', () => {
    const [prompt] = regexes('Linux - Verify');
    for (const text of ['alice@web-1:~$ ', 'root@web-1:~# ', 'web-1% ', 'alice@web-1:~$ \x1b[?2004h', '\x1b[01;32malice@web-1\x1b[00m:~$ ']) expect(prompt?.test(text)).toBe(true);
    for (const text of ['> ', "sudo passwd 'alice'\r\n", 'New password: ']) expect(prompt?.test(text)).toBe(false);
  });

  it('the root template insists on a # prompt', () => {
    const [prompt] = regexes('Linux - Change password as root');
    expect(prompt?.test('root@web-1:~# ')).toBe(true);
    expect(prompt?.test('alice@web-1:~$ ')).toBe(false);
  });

  it('the Cisco template treats an IOS "% ..." rejection as a failure', () => {
    const afterUsername = regexes('Cisco IOS - Change user secret').find((r) => r.source.startsWith('^(?!'));
    expect(afterUsername?.test('username alice secret x\r\nRouter(config)#')).toBe(true);
    expect(afterUsername?.test("username alice secret x\r\n% Invalid input detected at '^' marker.\r\nRouter(config)#")).toBe(false);
  });
});

/**
 * A tiny stand-in for the executor, enough to run the key-rotation templates' shell lines for real:
 * each exec runs in /bin/sh with HOME pointing at a temporary folder; each expect must find its
 * pattern in what the last command printed; prompt waits (expect-regex) are skipped.
 */
function runShellSteps(steps: readonly RenderedStep[], home: string, shell: string): { readonly ok: boolean; readonly failedLine?: number } {
  let output = '';
  for (const step of steps) {
    if (step.kind === 'exec' && step.text !== 'exit') {
      // An interactive shell ignores a command's exit status too; only the printed output counts.
      output = spawnSync(shell, ['-c', step.text], { env: { PATH: process.env['PATH'], HOME: home }, encoding: 'utf8' }).stdout;
    } else if (step.kind === 'expect') {
      const glob = new RegExp(step.pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*'));
      if (!glob.test(output)) return { ok: false, failedLine: step.line };
    }
  }
  return { ok: true };
}

// dash (Debian's /bin/sh) and bash (the usual login shell); the templates use only POSIX syntax.
const SHELLS = ['/bin/sh', '/bin/bash'].filter((shell) => existsSync(shell));

describe.each(SHELLS)('built-in SSH key rotation, run in %s', (shell) => {
  let home: string | null = null;
  afterEach(() => {
    if (home !== null) rmSync(home, { recursive: true, force: true });
    home = null;
  });
  const steps = (name: string) => renderTemplate(lintTemplate(byName(name)).steps, buildTagValues(CONTEXT)).steps;
  const keysFile = (dir: string) => join(dir, '.ssh', 'authorized_keys');

  it('add: creates ~/.ssh 700 and authorized_keys 600, appends the managed line once, keeps other keys', () => {
    home = mkdtempSync(join(tmpdir(), 'pamdesk-home-'));
    mkdirSync(join(home, '.ssh'));
    writeFileSync(keysFile(home), OTHER_KEY); // no final new line on purpose
    chmodSync(keysFile(home), 0o644);
    expect(runShellSteps(steps('Linux - SSH key rotation - add'), home, shell)).toEqual({ ok: true });
    expect(runShellSteps(steps('Linux - SSH key rotation - add'), home, shell)).toEqual({ ok: true });
    expect(readFileSync(keysFile(home), 'utf8')).toBe(`${OTHER_KEY}\n${NEW_KEY} ${MARKER}\n`);
    expect(statSync(keysFile(home)).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, '.ssh')).mode & 0o777).toBe(0o700);
  });

  it('add: works on an account without ~/.ssh', () => {
    home = mkdtempSync(join(tmpdir(), 'pamdesk-home-'));
    expect(runShellSteps(steps('Linux - SSH key rotation - add'), home, shell)).toEqual({ ok: true });
    expect(readFileSync(keysFile(home), 'utf8')).toBe(`${NEW_KEY} ${MARKER}\n`);
  });

  it('remove old: removes only the old managed line, keeping other keys, even ones with the same comment', () => {
    home = mkdtempSync(join(tmpdir(), 'pamdesk-home-'));
    mkdirSync(join(home, '.ssh'), { mode: 0o700 });
    const sameCommentOtherKey = `${OTHER_KEY.split(' ').slice(0, 2).join(' ')} ${MARKER}`;
    writeFileSync(keysFile(home), [OTHER_KEY, `${OLD_KEY} ${MARKER}`, sameCommentOtherKey, `${OLD_KEY} someone-else`, `${NEW_KEY} ${MARKER}`, ''].join('\n'), { mode: 0o600 });
    expect(runShellSteps(steps('Linux - SSH key rotation - remove old'), home, shell)).toEqual({ ok: true });
    expect(readFileSync(keysFile(home), 'utf8')).toBe([OTHER_KEY, sameCommentOtherKey, `${OLD_KEY} someone-else`, `${NEW_KEY} ${MARKER}`, ''].join('\n'));
    expect(statSync(keysFile(home)).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(home, '.ssh'))).toEqual(['authorized_keys']);
  });

  it('remove old: refuses to touch the file when the new key is not there (no lock-out)', () => {
    home = mkdtempSync(join(tmpdir(), 'pamdesk-home-'));
    mkdirSync(join(home, '.ssh'), { mode: 0o700 });
    const before = [OTHER_KEY, `${OLD_KEY} ${MARKER}`, ''].join('\n');
    writeFileSync(keysFile(home), before, { mode: 0o600 });
    const result = runShellSteps(steps('Linux - SSH key rotation - remove old'), home, shell);
    expect(result.ok).toBe(false);
    expect(readFileSync(keysFile(home), 'utf8')).toBe(before);
  });

  it('verify: the marker appears in the output but not in the echoed command line', () => {
    home = mkdtempSync(join(tmpdir(), 'pamdesk-home-'));
    const verify = steps('Linux - Verify');
    expect(runShellSteps(verify, home, shell)).toEqual({ ok: true });
    const command = verify.find((s) => s.kind === 'exec' && s.text.startsWith('printf'));
    expect(command?.kind === 'exec' && command.text.includes('pamdesk-verify-ok')).toBe(false);
  });
});
