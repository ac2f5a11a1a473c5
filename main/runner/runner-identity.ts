import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** Who holds a lease: host, process id and a per-run nonce. */
export function newRunnerIdentity(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * Whether a lease's owner is certainly gone: on this host, a process that no longer exists. On
 * another host we cannot tell and wait for the lease to expire instead.
 */
export function isOwnerGone(owner: string, self: string): boolean {
  if (owner === self) return false;
  const [host, pidText] = owner.split(':');
  if (host !== hostname()) return false;
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return true;
  if (pid === process.pid) return true; // our pid, another nonce: an earlier life of this process
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
