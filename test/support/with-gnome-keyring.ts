import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Runs a TypeScript script (via `node --import tsx`) in a child process and returns the JSON it
 * prints last on stdout. keytar binds to the session bus when it loads, so each keychain scenario
 * needs its own process with its own environment.
 *
 * - 'gnome-keyring': a private session bus (dbus-run-session) with a real gnome-keyring-daemon,
 *   unlocked with a throwaway password, in a throwaway HOME/XDG tree. Needs Debian packages
 *   dbus-daemon (dbus-run-session), gnome-keyring and libsecret-1-0.
 * - 'no-keyring': DBUS_SESSION_BUS_ADDRESS points at a socket that does not exist and no DISPLAY,
 *   so libsecret can neither connect nor autolaunch a bus.
 */
export type KeyringScenario = 'gnome-keyring' | 'no-keyring';

export interface ScriptRun<T> {
  readonly output: T;
  readonly stderr: string;
}

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const TIMEOUT_MS = 45_000;

export async function runWithKeyring<T>(scenario: KeyringScenario, scriptPath: string): Promise<ScriptRun<T>> {
  const home = await mkdtemp(join(tmpdir(), 'pamdesk-keyring-'));
  try {
    const runtimeDir = join(home, 'run');
    await mkdir(runtimeDir, { mode: 0o700 });
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      XDG_RUNTIME_DIR: runtimeDir,
      XDG_DATA_HOME: join(home, 'data'),
      XDG_CONFIG_HOME: join(home, 'config'),
      XDG_CACHE_HOME: join(home, 'cache'),
      KEYRING_PASSWORD: 'throwaway-test-keyring',
    };
    const nodeArgs = ['--import', 'tsx', resolve(scriptPath)];
    const [command, args] =
      scenario === 'gnome-keyring'
        ? [
            'dbus-run-session',
            [
              '--',
              'sh',
              '-c',
              // --unlock reads the login keyring password from stdin and creates the keyring.
              'printf "%s" "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec node "$@"',
              'sh',
              ...nodeArgs,
            ],
          ]
        : ['node', nodeArgs];
    if (scenario === 'no-keyring') env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${join(home, 'no-such-bus')}`;
    const { code, stdout, stderr } = await run(command, args, env);
    if (code !== 0) {
      throw new Error(`Keyring script ${scriptPath} (${scenario}) exited with ${String(code)}:\n${stderr}\n${stdout}`);
    }
    const lastLine = stdout.trim().split('\n').at(-1) ?? '';
    return { output: JSON.parse(lastLine) as T, stderr };
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`Could not start ${command}: ${error.message}. Is it installed (see test/support/with-gnome-keyring.ts)?`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}
