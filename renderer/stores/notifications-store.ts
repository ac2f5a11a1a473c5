import { create } from 'zustand';
import { resetOnLock } from './reset-on-lock';

export type ToastTone = 'error' | 'warning' | 'info';

export interface Toast {
  readonly id: number;
  readonly tone: ToastTone;
  readonly title: string;
  readonly message: string;
}

interface NotificationsState {
  readonly toasts: readonly Toast[];
  push(toast: Omit<Toast, 'id'>): void;
  dismiss(id: number): void;
  reset(): void;
}

/** More than this on screen is noise: the oldest go first. */
const MAX_TOASTS = 4;
let nextId = 1;

/** Transient notices (toasts). Messages are plain text from main's events and never hold secrets. */
export const useNotifications = create<NotificationsState>((set) => ({
  toasts: [],
  push(toast) {
    const id = nextId;
    nextId += 1;
    set((state) => ({ toasts: [...state.toasts, { ...toast, id }].slice(-MAX_TOASTS) }));
  },
  dismiss(id) {
    set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) }));
  },
  reset() {
    set({ toasts: [] });
  },
}));

// A toast names a credential and its device: it must not outlive the session that saw it.
resetOnLock(() => useNotifications.getState().reset());
