/**
 * When the runner tries again to settle an Unverified operation (retry the candidate, then the
 * current secret): one minute after it became Unverified, then doubling up to one hour between
 * tries, for 200 tries (more than a week). Past that the operation waits for an administrator: a
 * target unreachable that long needs a person anyway.
 */
const FIRST_DELAY_MS = 60_000;
const MAX_DELAY_MS = 3_600_000;
export const MAX_SETTLE_TRIES = 200;

export function firstSettleAt(now: Date): Date {
  return new Date(now.getTime() + FIRST_DELAY_MS);
}

/** The next settle time after `tries` unsuccessful tries, or null when automatic settling stops. */
export function nextSettleAt(now: Date, tries: number): Date | null {
  if (tries >= MAX_SETTLE_TRIES) return null;
  const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(tries, 16));
  return new Date(now.getTime() + delay);
}
