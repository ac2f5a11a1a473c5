import { useEffect, useRef } from 'react';

/**
 * For a <details> used as a popover (Columns, filter lists): Escape closes it and gives focus back
 * to its summary, and a click or tap anywhere outside closes it, as people expect of a menu. Only
 * an open popover listens, so a page full of them costs nothing.
 */
export function useDismissablePopover<T extends HTMLDetailsElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const close = (refocus: boolean) => {
      details.open = false;
      if (refocus) details.querySelector('summary')?.focus();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !details.open) return;
      // Handled here: a dialog or view behind the popover must not also take this Escape.
      event.stopPropagation();
      event.preventDefault();
      close(true);
    };
    const onPointerDown = (event: PointerEvent) => {
      if (details.open && event.target instanceof Node && !details.contains(event.target)) close(false);
    };
    const onToggle = () => {
      if (details.open) {
        document.addEventListener('pointerdown', onPointerDown, true);
        document.addEventListener('keydown', onKeyDown, true);
      } else {
        document.removeEventListener('pointerdown', onPointerDown, true);
        document.removeEventListener('keydown', onKeyDown, true);
      }
    };
    details.addEventListener('toggle', onToggle);
    return () => {
      details.removeEventListener('toggle', onToggle);
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('keydown', onKeyDown, true);
    };
  }, []);
  return ref;
}
