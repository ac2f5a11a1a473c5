import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../../main/templates/parse-template';

const codes = (source: string) => parseTemplate(source).diagnostics.map((d) => `${d.severity}:${d.code}@${d.line}:${d.column}`);

describe('parseTemplate: commands', () => {
  it('parses every command into its step, with 1-based source lines', () => {
    const source = [
      '# a comment',
      '   # an indented comment',
      '',
      'set-read-timeout 10',
      'set-connect-timeout 7',
      'set-new-line-mode windows',
      'set-ssh-version 2',
      'exec "passwd"',
      'write "y"',
      'read "login:"',
      'expect "*password:"',
      'expect-regex "/[$#>] ?$/i"',
      'no-expect "*denied*"',
      'noexpect "*failure*"',
      'sleep 0.5',
      'end',
    ].join('\n');
    const result = parseTemplate(source);
    expect(result.diagnostics).toEqual([]);
    expect(result.steps).toEqual([
      { kind: 'set-read-timeout', seconds: 10, line: 4 },
      { kind: 'set-connect-timeout', seconds: 7, line: 5 },
      { kind: 'set-new-line-mode', mode: 'windows', line: 6 },
      { kind: 'set-ssh-version', version: 2, line: 7 },
      { kind: 'exec', text: 'passwd', line: 8 },
      { kind: 'write', text: 'y', line: 9 },
      { kind: 'read', text: 'login:', line: 10 },
      { kind: 'expect', pattern: '*password:', line: 11 },
      { kind: 'expect-regex', source: '[$#>] ?$', flags: 'i', line: 12 },
      { kind: 'no-expect', pattern: '*denied*', line: 13 },
      { kind: 'no-expect', pattern: '*failure*', line: 14 },
      { kind: 'sleep', seconds: 0.5, line: 15 },
      { kind: 'end', line: 16 },
    ]);
  });

  it('keeps the text between the quotes literally: backslashes are not escapes', () => {
    const [step] = parseTemplate(String.raw`exec "printf 'a\n' \"x\""`).steps;
    expect(step).toEqual({ kind: 'exec', text: String.raw`printf 'a\n' \"x\"`, line: 1 });
    expect(parseTemplate(String.raw`expect-regex "/\d+\s*$/"`).steps[0]).toEqual({ kind: 'expect-regex', source: String.raw`\d+\s*$`, flags: '', line: 1 });
  });

  it('accepts exec "" (a bare new line) and keeps spaces inside quotes', () => {
    expect(parseTemplate('exec ""').steps[0]).toEqual({ kind: 'exec', text: '', line: 1 });
    expect(parseTemplate('write "  a b  "').steps[0]).toEqual({ kind: 'write', text: '  a b  ', line: 1 });
  });

  it('treats CRLF, LF and lone CR as line ends, never as part of an argument', () => {
    const result = parseTemplate('exec "a"\r\nexec "b"\rexec "c"\n');
    expect(result.diagnostics).toEqual([]);
    expect(result.steps).toEqual([
      { kind: 'exec', text: 'a', line: 1 },
      { kind: 'exec', text: 'b', line: 2 },
      { kind: 'exec', text: 'c', line: 3 },
    ]);
  });
});

describe('parseTemplate: what Segura accepts, with a warning', () => {
  it('an unquoted argument', () => {
    const result = parseTemplate('exec sudo -k  ');
    expect(result.steps[0]).toEqual({ kind: 'exec', text: 'sudo -k', line: 1 });
    expect(codes('exec sudo -k')).toEqual(['warning:unquoted-argument@1:6']);
  });

  it('a missing closing quote: the argument runs to the end of the line', () => {
    const result = parseTemplate('expect "*password:   ');
    expect(result.steps[0]).toEqual({ kind: 'expect', pattern: '*password:', line: 1 });
    expect(result.diagnostics[0]).toMatchObject({ severity: 'warning', code: 'unclosed-quote', line: 1, column: 8 });
    expect(result.diagnostics[0]?.message).toMatch(/Add the closing quote/);
  });

  it('quotes nested inside: the text between the first and the last quote', () => {
    const result = parseTemplate('exec "echo "hello world" > /tmp/x"');
    expect(result.steps[0]).toEqual({ kind: 'exec', text: 'echo "hello world" > /tmp/x', line: 1 });
    expect(codes('exec "echo "hello world" > /tmp/x"')).toEqual(['warning:nested-quotes@1:12']);
  });

  it('a quoted word for set-new-line-mode or a number', () => {
    expect(parseTemplate('set-new-line-mode "unix"').steps[0]).toEqual({ kind: 'set-new-line-mode', mode: 'unix', line: 1 });
    expect(codes('set-new-line-mode "unix"')).toEqual(['warning:quoted-argument@1:19']);
    expect(parseTemplate('set-read-timeout "30"').steps[0]).toEqual({ kind: 'set-read-timeout', seconds: 30, line: 1 });
  });

  it('a regex without slashes, and stateful flags (dropped)', () => {
    expect(parseTemplate('expect-regex "password:"').steps[0]).toEqual({ kind: 'expect-regex', source: 'password:', flags: '', line: 1 });
    expect(codes('expect-regex "password:"')).toEqual(['warning:regex-without-slashes@1:15']);
    expect(parseTemplate('expect-regex "/x/gi"').steps[0]).toEqual({ kind: 'expect-regex', source: 'x', flags: 'i', line: 1 });
  });

  it('an argument after end, and commands after end', () => {
    expect(codes('end now\nexec "x"')).toEqual(['warning:unexpected-argument@1:5', 'warning:unreachable-after-end@2:1']);
  });

  it('an empty template', () => {
    expect(codes('# nothing\n\n')).toEqual(['warning:empty-template@1:1']);
  });
});

describe('parseTemplate: errors', () => {
  it('an unknown command, with its line and column, and no step', () => {
    const result = parseTemplate('exec "a"\n\n  send "b"\nexec "c"');
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', code: 'unknown-command', line: 3, column: 3, length: 4 });
    expect(result.diagnostics[0]?.message).toMatch(/Write write .* or exec/);
    expect(result.steps.map((s) => s.line)).toEqual([1, 4]);
  });

  it('suggests the lower-case spelling', () => {
    expect(parseTemplate('EXEC "ls"').diagnostics[0]?.message).toMatch(/commands are lower case\. Write exec/);
  });

  it('a regex that JavaScript cannot compile, or an unknown flag', () => {
    const bad = parseTemplate('expect-regex "/(unclosed/"');
    expect(bad.steps).toEqual([]);
    expect(bad.diagnostics[0]).toMatchObject({ severity: 'error', code: 'invalid-regex', line: 1, column: 15 });
    expect(bad.diagnostics[0]?.message).toMatch(/does not compile/);
    expect(codes('expect-regex "/a/x"')).toEqual(['error:invalid-regex@1:15']);
  });

  it('a tag inside a regex does not break the compile check', () => {
    expect(parseTemplate('expect-regex "/[#USERNAME#]@.*[$#] $/"').diagnostics).toEqual([]);
  });

  it('missing arguments, bad numbers, bad modes, SSH version 1, text after the closing quote', () => {
    expect(codes('exec')).toEqual(['error:missing-argument@1:5']);
    expect(codes('sleep')).toEqual(['error:missing-argument@1:6']);
    expect(codes('sleep ten')).toEqual(['error:invalid-number@1:7']);
    expect(codes('set-read-timeout 0')).toEqual(['error:invalid-number@1:18']);
    expect(codes('sleep 5000')).toEqual(['error:invalid-number@1:7']);
    expect(codes('set-new-line-mode dos')).toEqual(['error:invalid-new-line-mode@1:19']);
    expect(codes('set-ssh-version 1')).toEqual(['error:unsupported-ssh-version@1:17']);
    expect(codes('exec "ls" # list')).toEqual(['error:text-after-closing-quote@1:11']);
  });
});

describe('parseTemplate: directives', () => {
  it('reads per-line allowances from comments, and ignores the old target line with a warning (the device decides)', () => {
    const result = parseTemplate('# pamdesk: target network-cli\n# pamdesk: allow secret-on-command-line\nexec "a"\nexec "b"');
    expect(result.diagnostics.map((d) => `${d.severity}:${d.code}@${d.line}`)).toEqual(['warning:target-directive-ignored@1']);
    expect([...(result.parsed[0]?.allowed ?? [])]).toEqual(['secret-on-command-line']);
    expect([...(result.parsed[1]?.allowed ?? [])]).toEqual([]);
  });

  it('warns about a directive it does not understand', () => {
    expect(codes('# pamdesk: allow everything\nexec "a"')).toEqual(['warning:unknown-directive@1:1']);
  });
});
