import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../main/cli/commands';
import { runCli } from '../../../main/cli/run-cli';
import { PAMDESK_VERSION } from '../../../main/core/version';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, COMMANDS, { io: { out: (t) => out.push(t), err: (t) => err.push(t) }, env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('pamdesk CLI', () => {
  it('prints its version', async () => {
    expect(await run(['--version'])).toMatchObject({ code: 0, out: PAMDESK_VERSION });
  });

  it('gives every command its own path (a second one with the same words would never run)', () => {
    const paths = COMMANDS.map((command) => command.path.join(' '));
    expect(paths.filter((path, index) => paths.indexOf(path) !== index)).toEqual([]);
  });

  it('lists commands and has --help on every command', async () => {
    const overview = await run(['--help']);
    expect(overview.code).toBe(0);
    for (const command of COMMANDS) {
      expect(overview.out).toContain(command.path.join(' '));
      const help = await run([...command.path, '--help']);
      expect(help.code).toBe(0);
      expect(help.out).toContain(`Usage: pamdesk ${command.usage}`);
    }
  });

  it('reports the status of a data folder, as text and as JSON', async () => {
    const dataDir = tempDir();
    const text = await run(['status', '--data-dir', dataDir]);
    expect(text.code).toBe(0);
    expect(text.out).toContain(`data folder: ${dataDir}`);
    const json = await run(['--data-dir', dataDir, 'status', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ shell: 'cli', dataDir, vault: 'absent' });
  });

  it('exits 2 on usage errors', async () => {
    expect((await run(['no-such-command'])).code).toBe(2);
    expect((await run(['status', '--bogus'])).code).toBe(2);
    expect((await run(['serve', '--port', 'eighty', '--data-dir', tempDir()])).code).toBe(2);
  });
});
