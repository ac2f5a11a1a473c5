import { create } from 'zustand';
import { isViewId, type ViewId } from '../app/views';

interface NavigationState {
  readonly view: ViewId;
  go(view: ViewId): void;
}

function viewFromHash(): ViewId {
  const id = window.location.hash.replace(/^#\/?/, '');
  return isViewId(id) ? id : 'credentials';
}

/** The current view, mirrored in the URL hash so reloads and deep links land on the same view. */
export const useNavigation = create<NavigationState>((set) => ({
  view: viewFromHash(),
  go(view) {
    if (window.location.hash !== `#/${view}`) window.history.replaceState(null, '', `#/${view}`);
    set({ view });
  },
}));

window.addEventListener('hashchange', () => useNavigation.setState({ view: viewFromHash() }));
