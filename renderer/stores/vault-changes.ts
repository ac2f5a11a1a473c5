import { useEffect, useRef } from 'react';
import type { DataKind } from '../../shared/domain/data-kinds';
import { api } from '../api/api';

/** At most one refresh per this many ms however busy main is: a burst of events is one reload. */
export const LIVE_REFRESH_THROTTLE_MS = 1_000;

/**
 * A throttle for live refreshes: the first call runs at once, then at most one per interval, and
 * the last call of a burst is never lost (a trailing run follows it). Returns the trigger and a stop.
 */
export function throttledRefresh(refresh: () => void, intervalMs = LIVE_REFRESH_THROTTLE_MS): { readonly trigger: () => void; readonly stop: () => void } {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    last = Date.now();
    refresh();
  };
  return {
    trigger() {
      if (timer !== undefined) return;
      const wait = intervalMs - (Date.now() - last);
      if (wait <= 0) run();
      else timer = setTimeout(run, wait);
    },
    stop: () => clearTimeout(timer),
  };
}

/**
 * Calls `refresh` (throttled) whenever main says that one of these kinds of vault data changed,
 * in this window or any other, by this user or another. Main only sends the kinds this session's
 * role may read. Returns the unsubscribe.
 */
export function subscribeVaultChanges(kinds: readonly DataKind[], refresh: () => void): () => void {
  const throttle = throttledRefresh(refresh);
  const off = api().on('vault.changed', (event) => {
    if (event.kinds.some((kind) => kinds.includes(kind))) throttle.trigger();
  });
  return () => {
    off();
    throttle.stop();
  };
}

/** `subscribeVaultChanges` for as long as the component is mounted; the latest `refresh` is called. */
export function useVaultChanges(kinds: readonly DataKind[], refresh: () => void): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  const key = kinds.join(',');
  useEffect(() => subscribeVaultChanges(key.split(',') as DataKind[], () => latest.current()), [key]);
}
