import { machineLoad } from '../machine-load';

/** Issue 14's goals for the grid at 1,000,000 credentials; each figure is printed beside its goal. */
export interface Goal {
  readonly name: string;
  readonly limit: number;
  readonly unit: 'ms' | 'MiB';
}

export const GOALS = {
  searchPaced: { name: 'search keystroke→paint p95, human pace', limit: 50, unit: 'ms' },
  searchBurst: { name: 'search keystroke→paint, burst (last key)', limit: 100, unit: 'ms' },
  searchOneLetter: { name: 'one-letter search keystroke→paint', limit: 50, unit: 'ms' },
  firstPaint: { name: 'first paint (click → first row), worst of 3', limit: 300, unit: 'ms' },
  scrollFrames: { name: 'scroll top→bottom, frame work p95', limit: 16.7, unit: 'ms' },
  sort: { name: 'sort by a visible column, worst direction', limit: 100, unit: 'ms' },
  sortAnyColumn: { name: 'sort by any column, main alone, worst', limit: 100, unit: 'ms' },
  mainRss: { name: 'main process RSS, peak', limit: 500, unit: 'MiB' },
  rendererHeap: { name: 'renderer JS heap used, at the end', limit: 200, unit: 'MiB' },
} as const satisfies Record<string, Goal>;

const rows: string[] = [];

/** Records a figure against its goal; `report` prints them all together at the end. */
export function measured(goal: Goal, value: number, detail = ''): void {
  const verdict = value < goal.limit ? 'ok  ' : 'MISS';
  const figure = goal.unit === 'ms' ? `${value.toFixed(1)} ms` : `${value.toFixed(0)} MiB`;
  rows.push(`${verdict} ${goal.name.padEnd(46)} ${figure.padStart(10)}  (goal < ${goal.limit} ${goal.unit})${detail ? `  ${detail}` : ''}`);
}

export function report(loadBefore: string): void {
  console.log(`\nGoals (machine: before ${loadBefore}; after ${machineLoad()}):`);
  for (const row of rows) console.log(`  ${row}`);
}
