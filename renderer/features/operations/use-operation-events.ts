import { useEffect, useRef } from 'react';
import { api } from '../../api/api';
import { throttledRefresh } from '../../stores/vault-changes';

/**
 * Calls `refresh` when main reports that operations changed: at once for the first event, then at
 * most once per second (the last event of a burst is never lost: a trailing call follows it).
 */
export function useOperationEvents(refresh: () => void): void {
  const latest = useRef(refresh);
  latest.current = refresh;

  useEffect(() => {
    const throttle = throttledRefresh(() => latest.current());
    const off = api().on('operation.changed', () => throttle.trigger());
    return () => {
      off();
      throttle.stop();
    };
  }, []);
}
