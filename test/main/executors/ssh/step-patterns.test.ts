import { describe, expect, it } from 'vitest';
import { literalPattern, templateRegExp, wildcardPattern } from '../../../../main/executors/ssh/step-patterns';

describe('step patterns', () => {
  it('expect: * matches any run (line breaks too); everything else is literal', () => {
    expect(wildcardPattern('*password:').test('Current password:')).toBe(true);
    expect(wildcardPattern('*(config)#').test('Router(config)#')).toBe(true);
    expect(wildcardPattern('*(config)#').test('Routerconfig#')).toBe(false);
    expect(wildcardPattern('New*updated').test('New password\nmore\npasswd: password updated')).toBe(true);
    expect(wildcardPattern('a.c').test('abc')).toBe(false);
  });

  it('read: literal text, stars included', () => {
    expect(literalPattern('[OK]*').test('[OK]*')).toBe(true);
    expect(literalPattern('[OK]*').test('[OK]')).toBe(false);
  });

  it('expect-regex: the template regex, without the stateful g/y flags', () => {
    const regex = templateRegExp('[$|#|>]', 'gi');
    expect(regex.flags).toBe('i');
    expect(regex.test('$ ')).toBe(true);
    expect(regex.test('$ ')).toBe(true);
    expect(() => templateRegExp('(', '')).toThrow(SyntaxError);
  });
});
