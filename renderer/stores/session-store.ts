import { create } from 'zustand';
import type { SessionInfo } from '../../shared/contract/session';
import type { Permission } from '../../shared/roles';
import { api } from '../api/api';
import { useNavigation } from './navigation-store';

interface SessionState {
  /** undefined until main has answered; null when nobody is signed in here. */
  readonly session: SessionInfo | null | undefined;
  refresh(): Promise<void>;
  signedIn(session: SessionInfo): void;
  /** Forget everything this window holds about the signed-in user (after lock or sign-out). */
  clear(): void;
}

export const useSession = create<SessionState>((set) => ({
  session: undefined,
  async refresh() {
    const result = await api().call('session.current', {});
    const session = result.ok ? result.value : null;
    if (session) useNavigation.getState().keepUsable(session.role);
    set({ session });
  },
  signedIn(session) {
    // Each role starts on a view it can use (before the view renders, so nothing unreadable flashes).
    useNavigation.getState().land(session.role);
    set({ session });
  },
  clear() {
    set({ session: null });
  },
}));

export function useCan(permission: Permission): boolean {
  return useSession((state) => state.session?.permissions.includes(permission) ?? false);
}

const LAST_USER_KEY = 'pamdesk.lastUsername';

/** The last username typed here: a convenience for the unlock form, never a secret. */
export const lastUsername = {
  get: (): string => window.localStorage.getItem(LAST_USER_KEY) ?? '',
  set: (username: string): void => window.localStorage.setItem(LAST_USER_KEY, username),
};
