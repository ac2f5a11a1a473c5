import type { ViewId } from './views';
import { PlaceholderView } from './placeholder-view';
import { CredentialsView } from '../features/credentials/credentials-view';
import { DevicesView } from '../features/devices/devices-view';

/** Maps each view to its feature; views whose feature has not landed show their placeholder. */
export function ViewOutlet({ view }: { readonly view: ViewId }) {
  switch (view) {
    case 'credentials':
      return <CredentialsView />;
    case 'devices':
      return <DevicesView />;
    default:
      return <PlaceholderView view={view} />;
  }
}
