import type { ViewId } from './views';
import { PlaceholderView } from './placeholder-view';

/** Maps each view to its feature; views whose feature has not landed show their placeholder. */
export function ViewOutlet({ view }: { readonly view: ViewId }) {
  switch (view) {
    default:
      return <PlaceholderView view={view} />;
  }
}
