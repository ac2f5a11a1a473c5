import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeLoopbackPort } from './free-port';
import { namespaceScript, sshdConfig } from './linux-sshd-files';
import { childPidsOf, killGroup } from './process-tree';
import { runCommand, type CommandResult } from './run-command';
import { fingerprintOfPublicKeyLine } from './ssh-fingerprint';

/**
 * A real OpenSSH sshd (Debian openssh-server) on 127.0.0.1, inside its own mount and PID namespace
 * with a private copy of /etc, so its accounts exist only there. Needs root, util-linux (unshare,
 * nsenter), openssh-server, openssh-client (ssh-keygen), passwd (useradd, chpasswd) and, for
 * accounts with `sudo: true`, the sudo package.
 */
export interface LinuxAccount {
  readonly username: string;
  readonly password: string;
  /** Adds the account to the sudo group (Debian's sudoers lets %sudo run anything with its password). */
  readonly sudo?: boolean;
}

export interface LinuxTargetOptions {
  readonly accounts: readonly LinuxAccount[];
  /** Sets root's password inside the namespace, for the "as root" templates. */
  readonly rootPassword?: string;
  readonly startTimeoutMs?: number;
}

export interface LinuxTarget {
  readonly host: string;
  readonly port: number;
  /** Fingerprints of each host key, as `ssh-keygen -lf` prints them. */
  readonly hostKeyFingerprints: { readonly ed25519: string; readonly rsa: string };
  /** The one ssh2 negotiates (it prefers ssh-ed25519). */
  readonly hostKeyFingerprint: string;
  /** Runs a shell command as root inside the namespace (sees the private /etc and homes). */
  exec(command: string, options?: { stdin?: string; timeoutMs?: number }): Promise<CommandResult>;
  /** PID (outside) of the namespace's init: `nsenter --target` it to start more servers in there. */
  readonly namespacePid: number;
  /** sshd's log (it runs with -e), for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

export const SUDO_PATH = '/usr/bin/sudo';

/** Why a test needing sudo skips off CI (.ci/run installs it, so on CI it always runs). */
export const SUDO_SKIP_REASON = 'sudo is not installed (Debian package "sudo"; CI must install it)';

export function isSudoInstalled(): boolean {
  return existsSync(SUDO_PATH);
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort if a test forgets stop(): stdin closing also tears the namespace down.
  process.on('exit', () => {
    for (const child of live) if (child.pid !== undefined) killGroup(child.pid);
  });
}

export async function startLinuxTarget(options: LinuxTargetOptions): Promise<LinuxTarget> {
  if (options.accounts.some((a) => a.sudo === true) && !isSudoInstalled()) {
    throw new Error(`An account asks for sudo but ${SUDO_PATH} is missing: install the Debian package "sudo".`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'pamdesk-sshd-'));
  try {
    await mkdir(join(dir, 'etc'));
    const fingerprints = await makeHostKeys(dir);
    await writePasswords(dir, options);
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const port = await freeLoopbackPort();
      await writeFile(join(dir, 'sshd_config'), sshdConfig(dir, port), { mode: 0o600 });
      try {
        return await launch(dir, port, fingerprints, options);
      } catch (error) {
        lastError = error;
        if (!(error instanceof PortTakenError)) break;
        await writePasswords(dir, options); // the script removed the file
      }
    }
    throw lastError;
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

class PortTakenError extends Error {}

async function makeHostKeys(dir: string): Promise<{ ed25519: string; rsa: string }> {
  const make = async (type: 'ed25519' | 'rsa'): Promise<string> => {
    const file = join(dir, `ssh_host_${type}_key`);
    const extra = type === 'rsa' ? ['-b', '2048'] : [];
    const made = await runCommand('ssh-keygen', ['-q', '-t', type, ...extra, '-N', '', '-C', 'pamdesk-test', '-f', file]);
    if (made.code !== 0) throw new Error(`ssh-keygen -t ${type} failed: ${made.stderr}`);
    const listed = await runCommand('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`]);
    const fingerprint = /SHA256:[A-Za-z0-9+/]{43}/.exec(listed.stdout)?.[0];
    if (fingerprint === undefined) throw new Error(`ssh-keygen -l printed no SHA256 fingerprint: ${listed.stdout}${listed.stderr}`);
    // Cross-check the independent computation used for the Cisco target.
    if (fingerprintOfPublicKeyLine(await readFile(`${file}.pub`, 'utf8')) !== fingerprint) {
      throw new Error('fingerprintOfPublicKeyLine disagrees with ssh-keygen -l.');
    }
    return fingerprint;
  };
  return { ed25519: await make('ed25519'), rsa: await make('rsa') };
}

async function writePasswords(dir: string, options: LinuxTargetOptions): Promise<void> {
  const lines = options.accounts.map((a) => `${a.username}:${a.password}`);
  if (options.rootPassword !== undefined) lines.push(`root:${options.rootPassword}`);
  if (lines.some((line) => /[\r\n]/.test(line))) throw new Error('chpasswd cannot set a password that contains a line break.');
  await writeFile(join(dir, 'chpasswd'), `${lines.join('\n')}\n`, { mode: 0o600 });
}

function launch(dir: string, port: number, fingerprints: { ed25519: string; rsa: string }, options: LinuxTargetOptions): Promise<LinuxTarget> {
  const script = namespaceScript(options.accounts.map((a) => ({ username: a.username, sudo: a.sudo === true })));
  const args = ['--mount', '--pid', '--fork', '--kill-child', '--mount-proc', '--propagation', 'private', 'sh', '-c', script, 'sh', dir];
  // detached: its own process group, so stop() kills unshare and everything it started at once.
  const child = spawn('unshare', args, { detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  live.add(child);
  installExitHook();
  let log = '';
  const append = (chunk: Buffer): void => {
    log = (log + chunk.toString('utf8')).slice(-64_000);
  };
  // Keep draining both pipes for the target's whole life, or sshd blocks on a full pipe.
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async (): Promise<void> => {
    if (child.pid !== undefined) killGroup(child.pid);
    await Promise.race([exited, sleep(5_000)]);
    live.delete(child);
    await rm(dir, { recursive: true, force: true });
  };

  return new Promise<LinuxTarget>((resolve, reject) => {
    const timeoutMs = options.startTimeoutMs ?? 20_000;
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.stderr.off('data', onData);
      if (child.pid !== undefined) killGroup(child.pid);
      live.delete(child);
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`sshd did not listen on 127.0.0.1:${port} within ${timeoutMs} ms. Log:\n${log}`)), timeoutMs);
    const onData = (): void => {
      if (!log.includes(`Server listening on 127.0.0.1 port ${port}`)) return;
      clearTimeout(timer);
      child.stderr.off('data', onData);
      child.off('exit', onExit);
      const initPid = child.pid === undefined ? undefined : childPidsOf(child.pid)[0];
      if (initPid === undefined) {
        fail(new Error('sshd listens but the namespace init process could not be found under unshare.'));
        return;
      }
      resolve({
        host: '127.0.0.1',
        port,
        hostKeyFingerprints: fingerprints,
        hostKeyFingerprint: fingerprints.ed25519,
        namespacePid: initPid,
        exec: (command, execOptions = {}) =>
          runCommand('nsenter', ['--target', String(initPid), '--mount', '--pid', '--', 'sh', '-c', command], execOptions),
        log: () => log,
        stop,
      });
    };
    const onExit = (code: number | null): void => {
      const message = `sshd's namespace exited (${String(code)}) before listening. Log:\n${log}`;
      fail(/Address already in use|Cannot bind any address/.test(log) ? new PortTakenError(message) : new Error(message));
    };
    child.stderr.on('data', onData);
    child.once('exit', onExit);
    child.once('error', (error) => fail(new Error(`Could not start unshare (util-linux): ${error.message}`)));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
