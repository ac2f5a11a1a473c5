import type { KeySlot } from './key-file';

/** Wrong passphrases allowed before any wait is imposed (typos happen). */
export const FREE_ATTEMPTS = 3;
const BASE_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 30_000;

/** The wait imposed after `failedAttempts` consecutive failures: 0,0,0, then 1 s, 2 s, 4 s ... capped at 30 s. */
export function delayAfterFailures(failedAttempts: number): number {
  if (failedAttempts <= FREE_ATTEMPTS) return 0;
  const exponent = Math.min(failedAttempts - FREE_ATTEMPTS - 1, 30);
  return Math.min(BASE_DELAY_MS * 2 ** exponent, MAX_DELAY_MS);
}

/** How long the slot still refuses attempts at `now` (0 when an attempt is allowed). */
export function remainingWaitMs(slot: KeySlot, now: number): number {
  if (slot.lastFailureAt === null) return 0;
  const until = slot.lastFailureAt + delayAfterFailures(slot.failedAttempts);
  // A clock that went backwards must not extend the wait forever: cap it at the maximum delay.
  return Math.max(0, Math.min(until - now, MAX_DELAY_MS));
}
