import { useEffect, useRef } from 'react';
import { useNavigation } from '../../stores/navigation-store';

/** Frames to wait for the credentials view to mount after navigating before giving up on focus. */
const FOCUS_TRIES = 20;

/** Typing in a box must not trigger single-key shortcuts such as "/" and "?". */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.matches('input:not([type="checkbox"]):not([type="radio"]):not([type="button"]), textarea, select');
}

/**
 * Focuses the credentials search, opening the Credentials view first if needed. The view mounts on
 * a later render, so the box is looked for on the next frames rather than at once.
 */
export function focusCredentialSearch(): void {
  useNavigation.getState().go('credentials');
  let tries = 0;
  const attempt = () => {
    const box = document.querySelector<HTMLInputElement>('input.grid-search');
    if (box) {
      box.focus();
      box.select();
    } else if ((tries += 1) < FOCUS_TRIES) requestAnimationFrame(attempt);
  };
  attempt();
}

/**
 * The app-wide shortcuts (Ctrl+L is in use-session-guards): "/" or Ctrl+F search credentials, "?"
 * opens the help overlay. None acts while a dialog is open: the dialog owns the keyboard then.
 */
export function useGlobalShortcuts(openHelp: () => void): void {
  const latest = useRef(openHelp);
  latest.current = openHelp;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || document.querySelector('[role="dialog"]')) return;
      const ctrl = event.ctrlKey || event.metaKey;
      if (ctrl && !event.shiftKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        focusCredentialSearch();
      } else if (!ctrl && !typingIn(event.target) && event.key === '/') {
        event.preventDefault();
        focusCredentialSearch();
      } else if (!ctrl && !typingIn(event.target) && event.key === '?') {
        event.preventDefault();
        latest.current();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
