import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** The machine's load averages, to print beside figures: other work on a shared machine skews them. */
export function machineLoad(): string {
  const [one, five, fifteen] = readFileSync('/proc/loadavg', 'utf8').split(' ');
  return `loadavg ${one} ${five} ${fifteen} on ${cpus().length} cores`;
}
