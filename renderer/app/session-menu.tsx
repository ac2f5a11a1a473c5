import { useState } from 'react';
import { api } from '../api/api';
import { ChangePassphraseDialog } from '../features/auth/change-passphrase-dialog';
import { useSession } from '../stores/session-store';
import { forgetLocalSession, lockOwnSession } from './forget-session';

/** Who is signed in, their own passphrase, and the ways out: lock this session (Ctrl+L) or sign out to switch user. */
export function SessionMenu() {
  const session = useSession((s) => s.session);
  const [changing, setChanging] = useState(false);
  if (!session) return null;

  async function signOut() {
    await api().call('session.signOut', {});
    await forgetLocalSession();
  }

  return (
    <div className="session-menu" aria-label="Session">
      <span data-testid="session-user">
        {session.username} <span className="muted">({session.role})</span>
      </span>
      <button type="button" className="secondary" onClick={() => void lockOwnSession()} title="Lock your session; other users stay signed in (Ctrl+L)" aria-keyshortcuts="Control+L">
        Lock
      </button>
      <button type="button" className="secondary" onClick={() => setChanging(true)} title="Change the passphrase you unlock the vault with">
        Change passphrase
      </button>
      <button type="button" className="secondary" onClick={() => void signOut()} title="Sign out so another user can sign in">
        Sign out
      </button>
      {changing && <ChangePassphraseDialog onClose={() => setChanging(false)} />}
    </div>
  );
}
