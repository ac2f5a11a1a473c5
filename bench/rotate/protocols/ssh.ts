import { bareRotation } from '../bare-ssh2';
import { startBenchLinuxTarget, type BenchLinuxTarget } from '../linux-bench-target';
import type { RotateProtocol, RotateTarget } from '../protocol';

/** The bench's Linux target as pamdesk reaches it over SSH (shared with bench/peer-ansible). */
export function sshRotateTarget({ linux, setPasswords }: BenchLinuxTarget): RotateTarget {
  return { host: linux.host, port: linux.port, connectivities: `SSH:${linux.port}`, pin: { fingerprint: linux.hostKeyFingerprint }, loginName: (u) => u, maxConcurrency: null, setPasswords, stop: () => linux.stop() };
}

/** SSH: Debian's OpenSSH sshd; the floor is ssh2 alone; pamdesk runs the built-in own-password template. */
export const sshProtocol: RotateProtocol = {
  plugin: 'SSH',
  missing: () => null, // the SSH target's packages are the test suite's baseline (.ci/run)
  start: async (accounts) => sshRotateTarget(await startBenchLinuxTarget(accounts)),
  bareRotation: (target, username, current, next) => bareRotation(target.host, target.port, username, current, next),
  template: { name: 'Linux - Change own password' },
};
