import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useNotifications, type Toast } from '../../stores/notifications-store';

/** Long enough to read two lines; paused while the pointer or focus is on the toast. */
const AUTO_DISMISS_MS = 10_000;

/** Where toasts appear: bottom right, above the status bar, never taking focus on their own. */
export function ToastHost() {
  const toasts = useNotifications((s) => s.toasts);
  return (
    <section className="toast-host" aria-label="Notifications">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </section>
  );
}

function ToastItem({ toast }: { readonly toast: Toast }) {
  const dismiss = useNotifications((s) => s.dismiss);
  const [paused, setPaused] = useState(false);
  const remaining = useRef(AUTO_DISMISS_MS);

  useEffect(() => {
    if (paused) return undefined;
    const started = Date.now();
    const timer = setTimeout(() => dismiss(toast.id), remaining.current);
    return () => {
      clearTimeout(timer);
      remaining.current = Math.max(1_000, remaining.current - (Date.now() - started));
    };
  }, [paused, dismiss, toast.id]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'Escape') return;
    // Handled here so an open dialog underneath does not also close.
    event.preventDefault();
    event.stopPropagation();
    dismiss(toast.id);
  }

  return (
    <div
      className={`toast toast-${toast.tone}`}
      role={toast.tone === 'info' ? 'status' : 'alert'}
      aria-atomic="true"
      onKeyDown={onKeyDown}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <div className="toast-text">
        <strong>{toast.title}</strong>
        <span>{toast.message}</span>
      </div>
      <button type="button" className="icon-button" aria-label={`Dismiss: ${toast.title}`} title="Dismiss (Escape)" onClick={() => dismiss(toast.id)}>
        ×
      </button>
    </div>
  );
}
