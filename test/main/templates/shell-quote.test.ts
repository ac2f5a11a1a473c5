import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTagValues } from '../../../main/templates/tag-values';
import { parseTemplate } from '../../../main/templates/parse-template';
import { renderTemplate } from '../../../main/templates/render-template';
import { shellQuote } from '../../../main/templates/shell-quote';

let dir: string | null = null;
afterEach(() => {
  if (dir !== null) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

/** Runs a rendered command line through /bin/sh and returns the arguments printf received. */
function argumentsSeenByShell(commandLine: string, cwd: string): readonly string[] {
  const out = execFileSync('/bin/sh', ['-c', commandLine], { cwd, encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('shellQuote / |sh', () => {
  it('quotes as POSIX single quotes, with a quote written as \'\\\'\'', () => {
    expect(shellQuote('alice')).toBe("'alice'");
    expect(shellQuote('')).toBe("''");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it("a hostile username arrives as ONE argument and runs nothing", () => {
    dir = mkdtempSync(join(tmpdir(), 'pamdesk-quote-'));
    const marker = join(dir, 'pwned');
    const hostile = [`a'; touch ${marker}; '`, `$(touch ${marker})`, `\`touch ${marker}\``, `x && touch ${marker}`, `*`, `a b c`, `'"\\$HOME'`, `-n`];
    for (const username of hostile) {
      const { steps } = parseTemplate(`exec "printf '%s\\0' [#USERNAME|sh#]"`);
      const script = renderTemplate(steps, buildTagValues({ credential: { username }, device: { ip: '192.0.2.1', hostname: 'h' } }));
      const [step] = script.steps;
      if (step?.kind !== 'exec') throw new Error('expected an exec step');
      expect(argumentsSeenByShell(step.text, dir)).toEqual([username]);
      expect(existsSync(marker)).toBe(false);
    }
  });
});
