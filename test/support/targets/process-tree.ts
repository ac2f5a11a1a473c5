import { readdirSync, readFileSync } from 'node:fs';

/**
 * The ids of a process's direct children, read from /proc/<pid>/stat (this kernel has no
 * /proc/<pid>/task/<tid>/children). The command name in stat may hold spaces and parentheses, so
 * the fields are read after its last ')'.
 */
export function childPidsOf(parentPid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // the process ended while we were looking
    }
    const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(afterName[1]) === parentPid) children.push(Number(entry));
  }
  return children;
}

/** SIGKILLs a whole process group; a group that is already gone is not an error. */
export function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // ESRCH: nothing left to kill
  }
}
