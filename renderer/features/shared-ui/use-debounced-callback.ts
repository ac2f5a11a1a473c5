import { useEffect, useRef } from 'react';

/**
 * Calls `run` at once when input has been quiet for `delayMs` (so a single keystroke answers
 * immediately), and otherwise `delayMs` after the last call (so a burst of typing sends one query).
 */
export function useLeadingDebounce<T>(run: (value: T) => void, delayMs: number): (value: T) => void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastCall = useRef(0);
  const latest = useRef(run);
  latest.current = run;

  useEffect(() => () => clearTimeout(timer.current), []);

  const debounced = useRef((value: T) => {
    const now = performance.now();
    const quiet = now - lastCall.current >= delayMs;
    lastCall.current = now;
    clearTimeout(timer.current);
    if (quiet) {
      latest.current(value);
      return;
    }
    timer.current = setTimeout(() => latest.current(value), delayMs);
  });
  return debounced.current;
}
