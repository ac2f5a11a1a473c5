import { create } from 'zustand';
import type { Role } from '../../shared/roles';
import { canUseView, isViewId, signInViewFor, type ViewId } from '../app/views';

interface NavigationState {
  readonly view: ViewId;
  go(view: ViewId): void;
  /**
   * After a sign-in: the page's deep link if the role can use it, else the user's own landing view
   * if the role can use it, else the role's (an approver starts on Approvals).
   */
  land(role: Role, preferred?: string | null): void;
  /** After a reload with a session: keep a deep link the role can use, else land. */
  keepUsable(role: Role): void;
}

function viewFromHash(): ViewId {
  const id = window.location.hash.replace(/^#\/?/, '');
  return isViewId(id) ? id : 'credentials';
}

/**
 * The view the address named when the page loaded (a reload, a bookmark): the first sign-in opens
 * it if the role can use it. Later sign-ins in this tab (another person) land afresh.
 */
let deepLink: ViewId | undefined = isViewId(window.location.hash.replace(/^#\/?/, '')) ? viewFromHash() : undefined;

/** The current view, mirrored in the URL hash so reloads and deep links land on the same view. */
export const useNavigation = create<NavigationState>((set, get) => ({
  view: viewFromHash(),
  go(view) {
    if (window.location.hash !== `#/${view}`) window.history.replaceState(null, '', `#/${view}`);
    set({ view });
  },
  land(role, preferred) {
    const linked = deepLink;
    deepLink = undefined;
    get().go(linked !== undefined && canUseView(role, linked) ? linked : signInViewFor(role, preferred));
  },
  keepUsable(role) {
    if (!canUseView(role, get().view)) get().land(role);
  },
}));

window.addEventListener('hashchange', () => useNavigation.setState({ view: viewFromHash() }));
