import { OPERATION_STATES, type OperationStateName } from '../../../shared/contract/operation-channels';
import type { DashboardDay } from '../../../shared/contract/dashboard-channels';

export interface BarSegment {
  readonly state: OperationStateName;
  readonly count: number;
  readonly y: number;
  readonly height: number;
}

/** A round top for the axis: 1, 2, 5 × 10^n, so the gridlines fall on readable numbers. */
export function niceMax(value: number): number {
  if (value <= 4) return 4;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * power >= value) ?? 10;
  return step * power;
}

export function dayTotal(day: DashboardDay): number {
  return OPERATION_STATES.reduce((sum, state) => sum + day.counts[state], 0);
}

/** One day's stacked segments, bottom up in the contract's state order; empty states are left out. */
export function stackDay(day: DashboardDay, max: number, plotHeight: number): BarSegment[] {
  const segments: BarSegment[] = [];
  let base = plotHeight;
  for (const state of OPERATION_STATES) {
    const count = day.counts[state];
    if (count === 0) continue;
    const height = (count / max) * plotHeight;
    base -= height;
    segments.push({ state, count, y: base, height });
  }
  return segments;
}

/** "3 Success, 1 Error" or "no operations": a day's bar read out. */
export function describeDay(day: DashboardDay, labels: Readonly<Record<OperationStateName, string>>): string {
  const parts = OPERATION_STATES.filter((state) => day.counts[state] > 0).map((state) => `${day.counts[state]} ${labels[state]}`);
  return parts.length === 0 ? 'no operations' : parts.join(', ');
}
