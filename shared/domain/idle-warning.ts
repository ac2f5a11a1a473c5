/**
 * When a user about to be locked by the idle timer is warned: one minute before, or halfway for
 * idle times under two minutes, so a short idle setting still leaves time to answer.
 */
export function idleWarningMs(idleLockMinutes: number): number {
  return Math.min(60_000, (idleLockMinutes * 60_000) / 2);
}
