import { describe, expect, it } from 'vitest';
import { lintTemplate } from '../../../main/templates/lint-template';

const codes = (source: string, variables: Parameters<typeof lintTemplate>[1] = [], shell: Parameters<typeof lintTemplate>[2] = 'posix') =>
  lintTemplate(source, variables, shell).diagnostics.map((d) => `${d.severity}:${d.code}@${d.line}:${d.column}`);

describe('lintTemplate: tags', () => {
  it('an undeclared tag is an error at its line and column', () => {
    const result = lintTemplate('expect "*$*"\nexec "systemctl restart [#SERVICE|sh#]"');
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'unknown-tag', line: 2, column: 25, length: 14 }),
    ]);
    expect(result.diagnostics[0]?.message).toMatch(/declare SERVICE as a variable/);
  });

  it('a declared variable is a known tag; a secret variable follows the secret rules', () => {
    expect(codes('exec "systemctl restart [#SERVICE|sh#]"', [{ name: 'SERVICE', secret: false, value: 'nginx' }])).toEqual([]);
    expect(codes('exec "login [#TOKEN#]"', [{ name: 'TOKEN', secret: true }])).toEqual(['error:secret-on-command-line@1:13']);
  });

  it('says tags are upper case, and rejects unknown filters', () => {
    expect(lintTemplate('exec "[#username#]"').diagnostics[0]?.message).toMatch(/Write \[#USERNAME#\]/);
    expect(codes('exec "passwd [#USERNAME|url#]"')).toEqual(['error:unknown-filter@1:14']);
  });

  it('warns about a tag that is not closed (it would be sent literally)', () => {
    expect(codes('exec "[#NEW_PASSWORD]"')).toEqual(['warning:malformed-tag@1:7']);
    expect(codes('expect-regex "/[#>] ?$/"')).toEqual([]);
  });

  it('checks tags in every text command, not only exec', () => {
    expect(codes('expect "*[#NOPE#]*"\nread "[#NOPE2#]"\nexpect-regex "/[#NOPE3#]/"')).toEqual([
      'error:unknown-tag@1:10',
      'error:unknown-tag@2:7',
      'error:unknown-tag@3:16',
    ]);
  });
});

describe('lintTemplate: POSIX command lines', () => {
  it('a secret tag alone on the line (answering a prompt) is fine', () => {
    expect(codes('expect "*password:*"\nexec "[#NEW_PASSWORD#]"\nwrite " [#CURRENT_PASSWORD#] "')).toEqual([]);
  });

  it('a secret tag inside a command line is an error that says what to do', () => {
    const result = lintTemplate('exec "echo [#USERNAME|sh#]:[#NEW_PASSWORD#] | chpasswd"', [], 'posix');
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'secret-on-command-line', line: 1, column: 28 })]);
    expect(result.diagnostics[0]?.message).toMatch(/process list.*Send it alone at the prompt/);
  });

  it('the allow directive downgrades it to a warning for the next command line only', () => {
    const source = '# pamdesk: allow secret-on-command-line\nexec "echo x:[#NEW_PASSWORD#] | chpasswd"\nexec "echo x:[#NEW_PASSWORD#] | chpasswd"';
    expect(codes(source)).toEqual(['warning:secret-on-command-line@2:14', 'error:secret-on-command-line@3:14']);
  });

  it('a non-secret tag on a command line without |sh is a warning; |sh silences it', () => {
    expect(codes('exec "passwd [#USERNAME#]"')).toEqual(['warning:unquoted-tag-on-command-line@1:14']);
    expect(codes('exec "passwd [#USERNAME|sh#]"')).toEqual([]);
    expect(codes('# pamdesk: allow unquoted-tag-on-command-line\nexec "passwd [#USERNAME#]"')).toEqual([]);
  });

  it('|sh on a tag that answers a prompt is a warning (the prompt would get the quotes)', () => {
    expect(codes('exec "[#USERNAME|sh#]"')).toEqual(['warning:shell-filter-at-prompt@1:7']);
  });

  it('tags in expect patterns are not command lines', () => {
    expect(codes('expect "*[#USERNAME#]*"')).toEqual([]);
  });
});

describe('lintTemplate: the device decides network CLI or POSIX shell', () => {
  const cisco = 'exec "username [#USERNAME#] secret [#NEW_PASSWORD#]"\nexec "username [#USERNAME|sh#] secret x"';

  it('on a network CLI takes secrets on configuration lines and flags |sh', () => {
    expect(codes(cisco, [], 'network-cli')).toEqual(['warning:shell-filter-on-non-posix@2:16']);
  });

  it('on a POSIX shell refuses the same secret', () => {
    expect(codes(cisco, [], 'posix')).toContain('error:secret-on-command-line@1:36');
  });

  it('without a device warns instead of failing, and says where it runs and where it is refused', () => {
    const result = lintTemplate(cisco);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const secret = result.diagnostics.find((d) => d.code === 'secret-on-command-line');
    expect(secret?.severity).toBe('warning');
    expect(secret?.message).toMatch(/network CLI.*POSIX the run is refused/);
  });

  it('ignores the old "# pamdesk: target" line with a warning', () => {
    expect(codes('# pamdesk: target network-cli\nexec "enable secret [#NEW_PASSWORD#]"', [], 'posix')).toEqual(['warning:target-directive-ignored@1:1', 'error:secret-on-command-line@2:21']);
  });
});
