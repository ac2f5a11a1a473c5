import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** Runner identities alive in this process (a process may host more than one core, as tests do). */
const liveInThisProcess = new Set<string>();

/** Who holds a lease: host, process id and a per-run nonce; alive as long as this process. */
export function newRunnerIdentity(): string {
  const identity = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  liveInThisProcess.add(identity);
  return identity;
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
  // Our pid: alive exactly when it is one of this process's runners (else an earlier life of a
  // process that had this pid).
  if (pid === process.pid) return !liveInThisProcess.has(owner);
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
