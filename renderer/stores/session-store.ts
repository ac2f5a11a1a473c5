import { create } from 'zustand';
import type { SessionInfo } from '../../shared/contract/session';
import type { Permission } from '../../shared/roles';
import { api } from '../api/api';
import { useNavigation } from './navigation-store';
import { usePreferences } from './preferences-store';

interface SessionState {
  /** undefined until main has answered; null when nobody is signed in here. */
  readonly session: SessionInfo | null | undefined;
  refresh(): Promise<void>;
  signedIn(session: SessionInfo): void;
  /** Forget everything this window holds about the signed-in user (after lock or sign-out). */
  clear(): void;
}

/** Counts sign-ins and clears, so a sign-in still reading preferences when the vault locks does not reopen the app. */
let signIns = 0;

export const useSession = create<SessionState>((set) => ({
  session: undefined,
  async refresh() {
    const result = await api().call('session.current', {});
    const session = result.ok ? result.value : null;
    if (session) useNavigation.getState().keepUsable(session.role);
    set({ session });
  },
  signedIn(session) {
    // The user's own landing view is in their preferences, which need the session just opened: read
    // them first, then land and show the app, so neither the role's default nor anything unreadable
    // flashes. If they cannot be read, the role's default is still a view the user can use.
    signIns += 1;
    const signIn = signIns;
    const open = () => {
      if (signIn !== signIns) return;
      useNavigation.getState().land(session.role, usePreferences.getState().preferences?.landingView);
      set({ session });
    };
    // A broken connection must not leave a signed-in user at the unlock screen: open either way.
    usePreferences.getState().load().then(open, open);
  },
  clear() {
    signIns += 1;
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
