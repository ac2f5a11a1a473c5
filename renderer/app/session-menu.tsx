import { api } from '../api/api';
import { clearVaultState } from '../stores/reset-on-lock';
import { useCoreStatus } from '../stores/core-status-store';
import { useSession } from '../stores/session-store';

/** Who is signed in, and the ways out: lock the vault (Ctrl+L) or sign out to switch user. */
export function SessionMenu() {
  const session = useSession((s) => s.session);
  if (!session) return null;

  async function signOut() {
    await api().call('session.signOut', {});
    clearVaultState();
    useSession.getState().clear();
    await useCoreStatus.getState().refresh();
  }

  return (
    <div className="session-menu" aria-label="Session">
      <span data-testid="session-user">
        {session.username} <span className="muted">({session.role})</span>
      </span>
      <button type="button" className="secondary" onClick={() => void api().call('session.lock', {})} title="Lock the vault for everyone (Ctrl+L)" aria-keyshortcuts="Control+L">
        Lock
      </button>
      <button type="button" className="secondary" onClick={() => void signOut()} title="Sign out so another user can sign in">
        Sign out
      </button>
    </div>
  );
}
