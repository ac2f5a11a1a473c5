import { useEffect } from 'react';
import { subscribeCoreStatus, useCoreStatus } from '../stores/core-status-store';
import { useNavigation } from '../stores/navigation-store';
import { useSession } from '../stores/session-store';
import { FirstRunScreen } from '../features/auth/first-run-screen';
import { UnlockScreen } from '../features/auth/unlock-screen';
import { ShortcutsHost } from '../features/help/shortcuts-host';
import { ToastHost } from '../features/notifications/toast-host';
import { useOperationAlerts } from '../features/notifications/use-operation-alerts';
import { RequestChangeButton } from '../features/operations/request-change-button';
import { useTheme } from '../features/settings/use-theme';
import { IdleCountdown } from './idle-countdown';
import { Navigation } from './navigation';
import { SessionMenu } from './session-menu';
import { StatusBar } from './status-bar';
import { useSessionGuards } from './use-session-guards';
import { ViewOutlet } from './view-outlet';

export function App() {
  const status = useCoreStatus((state) => state.status);
  const refreshStatus = useCoreStatus((state) => state.refresh);
  const session = useSession((state) => state.session);
  const refreshSession = useSession((state) => state.refresh);
  useSessionGuards();
  useOperationAlerts();
  useTheme();

  useEffect(() => {
    void refreshStatus();
    void refreshSession();
    return subscribeCoreStatus();
  }, [refreshStatus, refreshSession]);

  return (
    <div className="app-frame">
      <a className="skip-link" href="#main-content">
        Skip to content
      </a>
      <header className="app-header">
        <span className="app-title">pamdesk</span>
        <span className="spacer" />
        {session && <RequestChangeButton />}
        {session && <ShortcutsHost />}
        <SessionMenu />
      </header>
      {session ? <Navigation /> : <div className="app-nav" />}
      <main id="main-content" className="app-main" tabIndex={-1}>
        {status === undefined || session === undefined ? (
          <p className="muted">Connecting to the core…</p>
        ) : status.vault === 'absent' ? (
          <FirstRunScreen />
        ) : session === null ? (
          <UnlockScreen />
        ) : (
          <MainView />
        )}
      </main>
      <StatusBar />
      <ToastHost />
      {session && <IdleCountdown />}
    </div>
  );
}

function MainView() {
  const view = useNavigation((state) => state.view);
  return <ViewOutlet view={view} />;
}
