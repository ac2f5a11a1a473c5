import { useState, type FormEvent } from 'react';
import { api } from '../../api/api';
import { lastUsername, useSession } from '../../stores/session-store';
import { useCoreStatus } from '../../stores/core-status-store';
import { AuthCard } from './auth-card';

/** First run: create the vault and its first administrator. */
export function FirstRunScreen() {
  const [username, setUsername] = useState('admin');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const signedIn = useSession((s) => s.signedIn);
  const refreshStatus = useCoreStatus((s) => s.refresh);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (passphrase !== confirm) {
      setError('The two passphrases differ. Type the same passphrase twice.');
      return;
    }
    setBusy(true);
    setError(undefined);
    const result = await api().call('vault.create', { username, passphrase });
    setBusy(false);
    if (!result.ok) {
      // Both passphrases stay as typed: the error says what to change, nothing needs retyping.
      setError(result.error.message);
      return;
    }
    setPassphrase('');
    setConfirm('');
    lastUsername.set(username);
    signedIn(result.value);
    await refreshStatus();
  }

  return (
    <AuthCard
      title="Create your vault"
      intro={
        <p>
          This creates an encrypted vault on this device and its first administrator. The passphrase protects every secret in it: it cannot be recovered, so
          keep it somewhere safe. Other users (operators, approvers, auditors) are added later.
        </p>
      }
    >
      <form onSubmit={(e) => void submit(e)} aria-label="Create vault">
        <div className="form-row">
          <label htmlFor="fr-username">Administrator username</label>
          <input id="fr-username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </div>
        <div className="form-row">
          <label htmlFor="fr-passphrase">Passphrase</label>
          <input id="fr-passphrase" type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} required />
          <span className="muted">At least 12 characters; a few unrelated words work well.</span>
        </div>
        <div className="form-row">
          <label htmlFor="fr-confirm">Confirm passphrase</label>
          <input id="fr-confirm" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} required />
        </div>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating the vault…' : 'Create vault'}
        </button>
      </form>
    </AuthCard>
  );
}
