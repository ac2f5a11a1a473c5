import { useCallback, useEffect, useState } from 'react';
import { idleWarningMs } from '../../shared/domain/idle-warning';
import { api } from '../api/api';

/** How often main is asked how long this session has left (asking is not activity). */
const POLL_MS = 5_000;
const TICK_MS = 1_000;

interface Deadline {
  /** Local time (Date.now()) at which main's idle lock ends this session. */
  readonly at: number;
  readonly warnMs: number;
}

/**
 * The idle lock's countdown for this page's own session: the seconds left once inside the warning
 * window (see idleWarningMs), else undefined. main holds the deadline; the page only counts down.
 */
export function useIdleCountdown(signedIn: boolean): { readonly secondsLeft: number | undefined; readonly staySignedIn: () => Promise<void> } {
  const [deadline, setDeadline] = useState<Deadline | undefined>(undefined);
  const [now, setNow] = useState(() => Date.now());

  const poll = useCallback(async () => {
    const result = await api().call('session.idleStatus', {});
    if (!result.ok || result.value.lockInMs === null) {
      setDeadline(undefined);
      return;
    }
    setDeadline({ at: Date.now() + result.value.lockInMs, warnMs: idleWarningMs(result.value.idleLockMinutes) });
  }, []);

  useEffect(() => {
    if (!signedIn) {
      setDeadline(undefined);
      return undefined;
    }
    void poll();
    const polling = setInterval(() => void poll(), POLL_MS);
    const ticking = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => {
      clearInterval(polling);
      clearInterval(ticking);
    };
  }, [signedIn, poll]);

  const staySignedIn = useCallback(async () => {
    await api().call('session.touch', {});
    await poll();
  }, [poll]);

  return { secondsLeft: secondsLeftIn(deadline, now), staySignedIn };
}

function secondsLeftIn(deadline: Deadline | undefined, now: number): number | undefined {
  if (deadline === undefined) return undefined;
  const left = deadline.at - now;
  return left > deadline.warnMs ? undefined : Math.max(0, Math.ceil(left / 1000));
}
