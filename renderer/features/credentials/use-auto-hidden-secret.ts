import { useCallback, useEffect, useRef, useState } from 'react';

/** A revealed secret is hidden again after this long, so it does not linger on an unattended screen. */
export const AUTO_HIDE_MS = 30_000;

/**
 * Holds one revealed secret in component state only, and drops it after AUTO_HIDE_MS, on hide()
 * and on unmount: the one auto-hide rule for the current secret and for old ones in the history.
 */
export function useAutoHiddenSecret(noun: string) {
  const [secret, setSecret] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const hide = useCallback(() => {
    clearTimeout(timer.current);
    setSecret(undefined);
  }, []);

  const show = useCallback(
    (revealed: string) => {
      setMessage(undefined);
      setSecret(revealed);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        setSecret(undefined);
        setMessage(`The ${noun} was hidden after ${AUTO_HIDE_MS / 1000} seconds. Reveal it again if you still need it.`);
      }, AUTO_HIDE_MS);
    },
    [noun],
  );

  useEffect(() => () => clearTimeout(timer.current), []);
  return { secret, message, setMessage, show, hide };
}
