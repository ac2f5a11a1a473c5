import { useEffect, useRef } from 'react';
import { api } from '../../api/api';

/** At most one refresh per this many ms however busy the runner is: a burst of events is one reload. */
const THROTTLE_MS = 1_000;

/**
 * Calls `refresh` when main reports that operations changed: at once for the first event, then at
 * most once per second (the last event of a burst is never lost: a trailing call follows it).
 */
export function useOperationEvents(refresh: () => void): void {
  const latest = useRef(refresh);
  latest.current = refresh;

  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      timer = undefined;
      last = Date.now();
      latest.current();
    };
    const off = api().on('operation.changed', () => {
      if (timer !== undefined) return;
      const wait = THROTTLE_MS - (Date.now() - last);
      if (wait <= 0) run();
      else timer = setTimeout(run, wait);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, []);
}
