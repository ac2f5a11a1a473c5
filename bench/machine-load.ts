import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/**
 * The machine's load as /proc/loadavg reports it (1, 5 and 15 minute averages, runnable/total
 * tasks), with the core count, so every figure a benchmark prints says how busy the machine was.
 */
export function machineLoad(): string {
  let load = 'unknown (no /proc/loadavg)';
  try {
    load = readFileSync('/proc/loadavg', 'utf8').trim();
  } catch {
    // Not Linux: the figures stand without it.
  }
  return `loadavg ${load} on ${availableParallelism()} cores`;
}

/** "1234 ms (goal under 2000 ms: met)" */
export function againstGoal(ms: number, goalMs: number): string {
  return `${ms.toFixed(0)} ms (goal under ${goalMs.toLocaleString()} ms: ${ms < goalMs ? 'met' : 'NOT met'})`;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
