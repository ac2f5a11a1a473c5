import { useEffect } from 'react';
import { subscribeCoreStatus, useCoreStatus } from '../stores/core-status-store';
import { useNavigation } from '../stores/navigation-store';
import { Navigation } from './navigation';
import { PlaceholderView } from './placeholder-view';
import { StatusBar } from './status-bar';

export function App() {
  const view = useNavigation((state) => state.view);
  const refresh = useCoreStatus((state) => state.refresh);

  useEffect(() => {
    void refresh();
    return subscribeCoreStatus();
  }, [refresh]);

  return (
    <div className="app-frame">
      <a className="skip-link" href="#main-content">
        Skip to content
      </a>
      <header className="app-header">
        <span className="app-title">pamdesk</span>
      </header>
      <Navigation />
      <main id="main-content" className="app-main" tabIndex={-1}>
        <PlaceholderView view={view} />
      </main>
      <StatusBar />
    </div>
  );
}
