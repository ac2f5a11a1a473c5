import { readFileSync } from 'node:fs';

/** A Linux process's peak resident set (VmHWM) in MiB, from /proc. */
export function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kib === undefined) throw new Error(`/proc/${pid}/status has no VmHWM line.`);
  return Number(kib) / 1024;
}
