import { useState, type FormEvent } from 'react';
import { api } from '../../api/api';
import { lastUsername, useSession } from '../../stores/session-store';
import { useCoreStatus } from '../../stores/core-status-store';
import { AuthCard } from './auth-card';

/** Sign in to a locked vault, or switch user (an approver signing in on an operator's workstation). */
export function UnlockScreen() {
  const [username, setUsername] = useState(lastUsername.get());
  const [passphrase, setPassphrase] = useState('');
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const signedIn = useSession((s) => s.signedIn);
  const refreshStatus = useCoreStatus((s) => s.refresh);

  async function finish(result: Awaited<ReturnType<ReturnType<typeof api>['call']>>) {
    setBusy(false);
    if (!result.ok) {
      // What was typed stays, so a typo in the username does not cost the passphrase too.
      setError(result.error.message);
      return;
    }
    setPassphrase('');
    lastUsername.set(username);
    signedIn(result.value as never);
    await refreshStatus();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    await finish(await api().call('session.unlock', { username, passphrase, remember }));
  }

  async function unlockWithDevice() {
    setBusy(true);
    setError(undefined);
    await finish(await api().call('session.unlockWithDevice', { username }));
  }

  return (
    <AuthCard title="Unlock the vault" intro={<p>Sign in with your vault username and passphrase.</p>}>
      <form onSubmit={(e) => void submit(e)} aria-label="Unlock vault">
        <div className="form-row">
          <label htmlFor="ul-username">Username</label>
          <input id="ul-username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </div>
        <div className="form-row">
          <label htmlFor="ul-passphrase">Passphrase</label>
          <input id="ul-passphrase" type="password" autoComplete="current-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} required autoFocus />
        </div>
        <div className="form-row form-row-inline">
          <input id="ul-remember" type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
          <label htmlFor="ul-remember">Remember on this device (keeps your unlock key in the OS keychain)</label>
        </div>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Unlocking…' : 'Unlock'}
          </button>
          <button type="button" className="secondary" disabled={busy || username === ''} onClick={() => void unlockWithDevice()}>
            Unlock with this device
          </button>
        </div>
      </form>
    </AuthCard>
  );
}
