/** "5 s", "0.25 s": durations in messages people read. */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
