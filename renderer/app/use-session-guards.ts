import { useEffect } from 'react';
import { api } from '../api/api';
import { useCoreStatus } from '../stores/core-status-store';
import { clearVaultState } from '../stores/reset-on-lock';
import { useSession } from '../stores/session-store';

/** How often, at most, user activity is reported to main's idle-lock timer. */
const TOUCH_INTERVAL_MS = 20_000;

/**
 * Wires the session to the window: Ctrl+L (Cmd+L) locks; keyboard and pointer activity keeps main's
 * idle timer from locking; a lock from main (any reason) clears every store at once.
 */
export function useSessionGuards(): void {
  const signedIn = useSession((s) => s.session != null);

  useEffect(
    () =>
      api().on('vault.locked', () => {
        clearVaultState();
        useSession.getState().clear();
        void useCoreStatus.getState().refresh();
      }),
    [],
  );

  useEffect(() => {
    if (!signedIn) return undefined;
    let lastTouch = 0;
    const onActivity = () => {
      const now = Date.now();
      if (now - lastTouch < TOUCH_INTERVAL_MS) return;
      lastTouch = now;
      void api().call('session.touch', {});
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        void api().call('session.lock', {});
        return;
      }
      onActivity();
    };
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('pointerdown', onActivity, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('pointerdown', onActivity, true);
    };
  }, [signedIn]);
}
