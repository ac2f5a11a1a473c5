import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../../main/templates/builtin/builtin-templates';
import { ADMIN_ENV, cliFor, seededVault } from '../../support/cli-runner';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

describe('pamdesk template', () => {
  it('lints files: errors with line and column make exit 1, warnings alone exit 0', async () => {
    const dir = tempDir();
    const good = join(dir, 'good.txt');
    const warned = join(dir, 'warned.txt');
    const bad = join(dir, 'bad.txt');
    writeFileSync(good, 'expect-regex "/[$#>] ?$/"\nexec "echo hi"\nend\n');
    writeFileSync(warned, 'expect-regex "/[$#>] ?$/"\nexec echo hi\nend\n');
    writeFileSync(bad, 'expect "*$"\nexecute "passwd"\nexec "passwd [#NOT_A_TAG#]"\n');
    const cli = cliFor(tempDir());
    expect(await cli(['template', 'lint', good])).toMatchObject({ code: 0, out: `${good}: ok` });
    const w = await cli(['template', 'lint', warned]);
    expect(w.code).toBe(0);
    expect(w.out).toMatch(new RegExp(`${warned}:2:\\d+: warning`));
    const b = await cli(['template', 'lint', bad, good]);
    expect(b.code).toBe(1);
    expect(b.out).toMatch(new RegExp(`${bad}:2:1: error: .*execute`));
    expect(b.out).toMatch(new RegExp(`${bad}:3:\\d+: error: .*NOT_A_TAG`));
  });

  it('imports into the vault: refused at save with the line, versions kept, built-ins present', async () => {
    const dir = tempDir();
    const cli = await seededVault(dir);
    const file = join(dir, 'tpl.txt');
    writeFileSync(file, 'expect-regex "/[$#>] ?$/"\nexec "passwd"\nexpect "*assword:*"\nexec "[#UNDECLARED#]"\nend\n');
    const refused = await cli(['template', 'import', file, '--name', 'Mine', '--type', 'change_password'], ADMIN_ENV);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/:4:\d+: error: .*UNDECLARED/);

    writeFileSync(file, 'expect-regex "/[$#>] ?$/"\nexec "echo v1"\nend\n');
    expect((await cli(['template', 'import', file, '--name', 'Mine', '--type', 'verify'], ADMIN_ENV)).out).toBe('Saved Mine, version 1.');
    writeFileSync(file, 'expect-regex "/[$#>] ?$/"\nexec "echo v2"\nend\n');
    expect((await cli(['template', 'import', file, '--name', 'Mine', '--type', 'verify'], ADMIN_ENV)).out).toBe('Saved Mine, version 2.');

    const list = JSON.parse((await cli(['template', 'list', '--json'], ADMIN_ENV)).out) as { name: string; current_version: number; builtin: boolean; body: string }[];
    expect(list.find((t) => t.name === 'Mine')).toMatchObject({ current_version: 2, builtin: false, body: expect.stringContaining('echo v2') });
    for (const builtin of BUILTIN_TEMPLATES) expect(list.find((t) => t.name === builtin.name)).toMatchObject({ builtin: true, current_version: 1 });
  });
});
