import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/api';
import { copySecret, type SecretField } from './clipboard-secret';
import { useAutoHiddenSecret } from './use-auto-hidden-secret';

interface SecretPanelProps {
  readonly credentialId: number;
  readonly field: SecretField;
  /** "password", "private key", "TOTP secret": used in button names and messages. */
  readonly noun: string;
  readonly revealLabel: string;
  readonly copyLabel: string;
  readonly revealOnOpen?: boolean;
}

/**
 * Reveal (audited as "view") and copy (audited as "copy") for one secret field. The plaintext sits
 * in this component's state while shown and nowhere else; hiding, the timer and unmounting drop it.
 */
export function SecretPanel({ credentialId, field, noun, revealLabel, copyLabel, revealOnOpen = false }: SecretPanelProps) {
  const { secret, message, setMessage, show, hide } = useAutoHiddenSecret(noun);
  const [busy, setBusy] = useState(false);

  async function reveal() {
    setBusy(true);
    const result = await api().call('credential.reveal', { id: credentialId, field, purpose: 'view' });
    setBusy(false);
    if (!result.ok) {
      setMessage(`The ${noun} could not be revealed: ${result.error.message}`);
      return;
    }
    show(result.value.secret);
  }

  async function copy() {
    setBusy(true);
    setMessage(await copySecret(credentialId, field));
    setBusy(false);
  }

  const revealRef = useRef(reveal);
  revealRef.current = reveal;
  useEffect(() => {
    if (revealOnOpen) void revealRef.current();
  }, [revealOnOpen]);

  return (
    <div className="secret-panel">
      <div className="secret-value" aria-live="polite">
        {secret === undefined ? (
          <span className="muted" aria-hidden="true">
            ••••••••••••
          </span>
        ) : (
          <code aria-label={`Revealed ${noun}`} data-testid={`revealed-${field}`}>
            {secret}
          </code>
        )}
      </div>
      <div className="button-row">
        {secret === undefined ? (
          <button type="button" className="secondary" disabled={busy} onClick={() => void reveal()}>
            {revealLabel}
          </button>
        ) : (
          <button type="button" className="secondary" onClick={hide}>
            Hide
          </button>
        )}
        <button type="button" className="secondary" disabled={busy} onClick={() => void copy()}>
          {copyLabel}
        </button>
      </div>
      {message && (
        <p role="status" className="muted">
          {message}
        </p>
      )}
    </div>
  );
}
