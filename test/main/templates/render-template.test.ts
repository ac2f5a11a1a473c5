import { describe, expect, it } from 'vitest';
import { dryRun } from '../../../main/templates/dry-run';
import { SECRET_MASK, maskTranscript } from '../../../main/templates/mask-transcript';
import type { RenderContext } from '../../../main/templates/render-context';
import { TemplateRenderError, renderTemplate } from '../../../main/templates/render-template';
import { parseTemplate } from '../../../main/templates/parse-template';
import { shellQuote } from '../../../main/templates/shell-quote';
import { buildTagValues } from '../../../main/templates/tag-values';

const CONTEXT: RenderContext = {
  credential: { username: "o'brien", currentPassword: 'Old-Pa$$1', additionalInfo: 'db1', serverPath: '/srv', totpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' },
  device: { ip: '192.0.2.10', hostname: 'web-1', domain: 'example.test' },
  newPassword: "N3w'Pa$$|;x",
  variables: [
    { name: 'SERVICE', secret: false, value: 'nginx' },
    { name: 'API_TOKEN', secret: true, value: 'tok-123456' },
  ],
};

const render = (source: string, context: RenderContext = CONTEXT) => renderTemplate(parseTemplate(source).steps, buildTagValues(context, 59_000));

describe('buildTagValues', () => {
  it('fills the catalogue from the context; COE_SENHA is the auth password when one logs in, else the current one', () => {
    const own = buildTagValues(CONTEXT, 59_000);
    expect(own.get('COE_SENHA')).toEqual({ available: true, value: 'Old-Pa$$1', secret: true });
    expect(own.get('TOTP_TOKEN')).toEqual({ available: true, value: '287082', secret: true });
    expect(own.get('IP')).toEqual({ available: true, value: '192.0.2.10', secret: false });
    expect(own.get('AUTH_USER')).toMatchObject({ available: false });
    const viaAuth = buildTagValues({ ...CONTEXT, authCredential: { username: 'ops', password: 'sudo-pw' } });
    expect(viaAuth.get('COE_SENHA')).toEqual({ available: true, value: 'sudo-pw', secret: true });
    expect(viaAuth.get('AUTH_USER')).toEqual({ available: true, value: 'ops', secret: false });
  });

  it('strips the comment from public keys: the template adds the marker comment', () => {
    const values = buildTagValues({ ...CONTEXT, sshKey: { newPublicKey: 'ssh-ed25519 AAAAC3Nz old-comment', comment: 'pamdesk-managed' } });
    expect(values.get('NEW_PUBLIC_KEY')).toEqual({ available: true, value: 'ssh-ed25519 AAAAC3Nz', secret: false });
    expect(values.get('OLD_PUBLIC_KEY')).toMatchObject({ available: false });
  });
});

describe('renderTemplate', () => {
  it('fills tags, quotes |sh, escapes values inside expect-regex, and lists secrets in every form', () => {
    const script = render(
      ['exec "passwd [#USERNAME|sh#]"', 'expect "*[#HOSTNAME#]*"', 'expect-regex "/[#IP#]$/"', 'exec "[#NEW_PASSWORD#]"', 'exec "systemctl restart [#SERVICE|sh#]"', 'end'].join('\n'),
    );
    expect(script.steps).toEqual([
      { kind: 'exec', text: `passwd 'o'\\''brien'`, line: 1 },
      { kind: 'expect', pattern: '*web-1*', line: 2 },
      { kind: 'expect-regex', source: '192\\.0\\.2\\.10$', flags: '', line: 3 },
      { kind: 'exec', text: "N3w'Pa$$|;x", line: 4 },
      { kind: 'exec', text: "systemctl restart 'nginx'", line: 5 },
      { kind: 'end', line: 6 },
    ]);
    expect(new RegExp((script.steps[2] as { source: string }).source).test('at 192.0.2.10')).toBe(true);
    for (const secret of ["N3w'Pa$$|;x", shellQuote("N3w'Pa$$|;x"), 'Old-Pa$$1', 'tok-123456', '287082']) expect(script.secrets).toContain(secret);
    expect(script.secrets).not.toContain('nginx');
  });

  it('refuses a tag without a value, naming the line, the tag and why', () => {
    const attempt = () => render('exec "x"\nexec "[#AUTH_PASSWORD#]"');
    expect(attempt).toThrow(TemplateRenderError);
    expect(attempt).toThrow(/Line 2: \[#AUTH_PASSWORD#\] has no value because no authentication credential is set/);
  });

  it('refuses a value with a line break (it would run as a second command)', () => {
    expect(() => render('exec "passwd [#USERNAME|sh#]"', { ...CONTEXT, credential: { username: 'a\nreboot' } })).toThrow(/contains a line break .*Nothing was sent/);
  });

  it('refuses TAB (readline completes a file name and can close the quote), ESC, NUL, DEL and C1 in any tag', () => {
    const attack = '/etc/hostnam\t;touch /tmp/x;#';
    expect(() => render('exec "passwd [#USERNAME|sh#]"', { ...CONTEXT, credential: { username: attack } })).toThrow(/\[#USERNAME#\] contains a TAB \(character 13\).*Nothing was sent/);
    for (const bad of ['\u001b[2J', 'a\u0000b', 'a\u007f', 'a\u0085b', 'a\u009bc', 'a\rb']) {
      expect(() => render('exec "echo [#HOSTNAME#]"', { ...CONTEXT, device: { ip: '192.0.2.1', hostname: bad } })).toThrow(TemplateRenderError);
    }
    // A secret is refused the same way, wherever it goes, and the message says to reset it.
    expect(() => render('expect "*assword:*"\nexec "[#NEW_PASSWORD#]"', { ...CONTEXT, newPassword: 'pass\tword' })).toThrow(/\[#NEW_PASSWORD#\] contains a TAB.*reset it without that character/);
    // Non-ASCII text that is not a control character is typed as is.
    expect(render('exec "echo [#USERNAME|sh#]"', { ...CONTEXT, credential: { username: 'jürgen-日本' } }).steps[0]).toMatchObject({ text: "echo 'jürgen-日本'" });
  });
});

describe('maskTranscript', () => {
  it('masks every secret and its shell-quoted form, longest first, with a fixed-length mask', () => {
    const script = render('exec "[#NEW_PASSWORD#]"');
    const transcript = [
      `$ passwd`,
      `Current password: Old-Pa$$1`,
      `typed: N3w'Pa$$|;x`,
      `echoed: echo ${shellQuote("N3w'Pa$$|;x")} | chpasswd`,
      `token tok-123456 and code 287082`,
    ].join('\n');
    const masked = maskTranscript(transcript, script.secrets);
    for (const secret of ['Old-Pa$$1', "N3w'Pa$$|;x", 'N3w', 'tok-123456', '287082']) expect(masked).not.toContain(secret);
    expect(masked).toContain(`echoed: echo ${SECRET_MASK} | chpasswd`);
    expect(masked).toContain('$ passwd');
  });

  it('masks a secret that contains another secret as one', () => {
    expect(maskTranscript('x abcdef y abc', ['abc', 'abcdef'])).toBe(`x ${SECRET_MASK} y ${SECRET_MASK}`);
    expect(maskTranscript('nothing here', [])).toBe('nothing here');
  });
});

describe('dryRun', () => {
  it('shows the command stream with a placeholder for every secret tag, never its value', () => {
    const source = ['expect-regex "/[$#] ?$/"', 'exec "passwd [#USERNAME|sh#]"', 'expect "*password:*"', 'exec "[#NEW_PASSWORD#]"', 'expect "*:*"', 'exec "[#CURRENT_PASSWORD#]"', 'exec "[#TOTP_TOKEN#]"', 'exec "[#API_TOKEN#]"', 'exec "systemctl restart [#SERVICE|sh#]"', 'sleep 1', 'end'].join('\n');
    const result = dryRun(source, CONTEXT);
    expect(result).toEqual({
      ok: true,
      diagnostics: [],
      lines: ['expect-regex /[$#] ?$/', `exec passwd 'o'\\''brien'`, 'expect *password:*', 'exec «NEW_PASSWORD»', 'expect *:*', 'exec «CURRENT_PASSWORD»', 'exec «TOTP_TOKEN»', 'exec «API_TOKEN»', "exec systemctl restart 'nginx'", 'sleep 1', 'end'],
    });
  });

  it('is no oracle: a literal guess of the password comes back as typed, whether right or wrong', () => {
    const guess = (text: string) => dryRun(`exec "echo ${text}"\nexpect "*:*"\nexec "[#CURRENT_PASSWORD#]"`, CONTEXT);
    const password = CONTEXT.credential.currentPassword ?? '';
    const right = guess(password);
    expect(right).toMatchObject({ ok: true, lines: [`exec echo ${password}`, 'expect *:*', 'exec «CURRENT_PASSWORD»'] });
    expect(guess('Wrong-Guess')).toMatchObject({ ok: true, lines: ['exec echo Wrong-Guess', 'expect *:*', 'exec «CURRENT_PASSWORD»'] });
    expect(JSON.stringify(right)).not.toContain(SECRET_MASK);
  });

  it('answers the lint errors instead of lines', () => {
    const result = dryRun('exec "[#NOPE#]"', CONTEXT);
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ code: 'unknown-tag', line: 1, column: 7 });
  });

  it('answers a missing value as a diagnostic on its line', () => {
    const result = dryRun('exec "x"\nexec "[#AUTH_PASSWORD#]"', CONTEXT);
    expect(result).toMatchObject({ ok: false, diagnostics: [{ code: 'tag-without-value', line: 2, severity: 'error' }] });
  });
});
