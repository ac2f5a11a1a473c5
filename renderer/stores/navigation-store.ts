import { create } from 'zustand';
import type { Role } from '../../shared/roles';
import { canUseView, isViewId, landingViewFor, type ViewId } from '../app/views';

interface NavigationState {
  readonly view: ViewId;
  go(view: ViewId): void;
  /** After a sign-in: the role's landing view (an approver starts on Approvals). */
  land(role: Role): void;
  /** After a reload with a session: keep a deep link the role can use, else land. */
  keepUsable(role: Role): void;
}

function viewFromHash(): ViewId {
  const id = window.location.hash.replace(/^#\/?/, '');
  return isViewId(id) ? id : 'credentials';
}

/** The current view, mirrored in the URL hash so reloads and deep links land on the same view. */
export const useNavigation = create<NavigationState>((set, get) => ({
  view: viewFromHash(),
  go(view) {
    if (window.location.hash !== `#/${view}`) window.history.replaceState(null, '', `#/${view}`);
    set({ view });
  },
  land(role) {
    get().go(landingViewFor(role));
  },
  keepUsable(role) {
    if (!canUseView(role, get().view)) get().land(role);
  },
}));

window.addEventListener('hashchange', () => useNavigation.setState({ view: viewFromHash() }));
