import { bareRotation } from '../bare-ssh2';
import { startBenchLinuxTarget } from '../linux-bench-target';
import type { RotateProtocol } from '../protocol';

/** SSH: Debian's OpenSSH sshd; the floor is ssh2 alone; pamdesk runs the built-in own-password template. */
export const sshProtocol: RotateProtocol = {
  plugin: 'SSH',
  missing: () => null, // the SSH target's packages are the test suite's baseline (.ci/run)
  async start(accounts) {
    const { linux, setPasswords } = await startBenchLinuxTarget(accounts);
    return { host: linux.host, port: linux.port, connectivities: `SSH:${linux.port}`, pin: { fingerprint: linux.hostKeyFingerprint }, loginName: (u) => u, maxConcurrency: null, setPasswords, stop: () => linux.stop() };
  },
  bareRotation: (target, username, current, next) => bareRotation(target.host, target.port, username, current, next),
  template: { name: 'Linux - Change own password' },
};
