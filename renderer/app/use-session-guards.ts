import { useEffect } from 'react';
import { api } from '../api/api';
import { useSession } from '../stores/session-store';
import { forgetIfOwnSessionEnded, forgetLocalSession, lockOwnSession } from './forget-session';

/** How often, at most, user activity is reported to main's idle-lock timer. */
const TOUCH_INTERVAL_MS = 20_000;

/**
 * Wires the session to the window: Ctrl+L (Cmd+L) locks this user's session; keyboard and pointer
 * activity keeps main's idle timer from ending it; when main ends it (idle) or locks the vault, every
 * store is cleared at once.
 */
export function useSessionGuards(): void {
  const signedIn = useSession((s) => s.session != null);

  useEffect(() => {
    const offLocked = api().on('vault.locked', () => void forgetLocalSession());
    const offEnded = api().on('session.ended', () => void forgetIfOwnSessionEnded());
    return () => {
      offLocked();
      offEnded();
    };
  }, []);

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
        void lockOwnSession();
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
