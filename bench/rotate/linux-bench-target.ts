import { startLinuxTarget, type LinuxTarget } from '../../test/support/targets/linux-sshd';
import type { BenchAccount } from './protocol';

/** Sessions one SSH connection may carry: Ansible multiplexes a fork's tasks over one master per login. */
const MAX_SESSIONS = 256;

export interface BenchLinuxTarget {
  readonly linux: LinuxTarget;
  /** chpasswd as root inside the target's namespace. */
  setPasswords(accounts: readonly BenchAccount[]): Promise<void>;
}

/**
 * The test suite's real sshd (test/support/targets/linux-sshd.ts) with the bench's accounts, its
 * limits raised for the bench: MaxStartups is already 100 there (above the highest concurrency, 64);
 * MaxSessions (default 10) is raised here in the running server's own config file, then sshd
 * re-reads it (SIGHUP re-executes it with the same arguments, same PID).
 */
export async function startBenchLinuxTarget(accounts: readonly BenchAccount[], options: { readonly rootPassword?: string } = {}): Promise<BenchLinuxTarget> {
  const linux = await startLinuxTarget({ accounts, ...options, startTimeoutMs: 120_000 });
  try {
    const raised = await linux.exec(
      [
        'set -eu',
        'pid=$(pgrep -o -x sshd)',
        // sshd was started as "sshd -D -e -f CONFIG" (its title, "sshd: ... [listener] ...", keeps that).
        `conf=$(tr '\\0' ' ' < /proc/$pid/cmdline | sed -n 's/.* -f \\([^ ]*\\).*/\\1/p')`,
        'test -f "$conf"',
        `printf 'MaxSessions ${MAX_SESSIONS}\\n' >> "$conf"`,
        'kill -HUP "$pid"',
      ].join('\n'),
    );
    if (raised.code !== 0) throw new Error(`Could not raise sshd's MaxSessions: ${raised.stderr}`);
    const listening = `Server listening on 127.0.0.1 port ${linux.port}`;
    const deadline = Date.now() + 20_000;
    while (linux.log().split(listening).length - 1 < 2) {
      if (Date.now() > deadline) throw new Error(`sshd did not listen again after SIGHUP. Log:\n${linux.log()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } catch (error) {
    await linux.stop();
    throw error;
  }
  return {
    linux,
    async setPasswords(list) {
      const lines = list.map((a) => `${a.username}:${a.password}`);
      if (lines.some((line) => /[\r\n]/.test(line))) throw new Error('chpasswd cannot set a password that contains a line break.');
      const set = await linux.exec('chpasswd', { stdin: `${lines.join('\n')}\n`, timeoutMs: 300_000 });
      if (set.code !== 0) throw new Error(`chpasswd failed: ${set.stderr}`);
    },
  };
}
