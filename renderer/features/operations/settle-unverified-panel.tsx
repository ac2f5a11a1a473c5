import { useEffect, useRef, useState } from 'react';
import type { OperationView } from '../../../shared/contract/operation-channels';
import { changesSecret, isSettleable } from '../../../shared/domain/operation-rules';
import { api } from '../../api/api';
import { useCan } from '../../stores/session-store';

/** A revealed candidate is hidden again after this long, like a revealed credential secret. */
const AUTO_HIDE_MS = 30_000;

type SettleAction = 'candidate' | 'current' | 'reconcile';

/** What each action does, said before the administrator confirms it. */
const ACTIONS: Readonly<Record<SettleAction, { readonly label: string; readonly confirm: string; readonly button: string }>> = {
  candidate: {
    label: 'Target holds the candidate',
    confirm: 'The vault adopts the kept candidate as the credential\u2019s secret, without a login to prove it. Its InSync becomes unknown until a verify. Do this only after checking that the target accepts the candidate.',
    button: 'Yes, adopt the candidate',
  },
  current: {
    label: 'Target holds the current secret',
    confirm: 'The candidate is discarded and this change ends in Error; the vault keeps its current secret. Do this only after checking that the target still accepts the current secret.',
    button: 'Yes, discard the candidate',
  },
  reconcile: {
    label: 'Reconcile',
    confirm: 'This change ends (its candidate is discarded) and a reconcile is scheduled now: it sets a fresh secret with the reconciliation credential, whatever the target holds.',
    button: 'Yes, reconcile',
  },
};

/**
 * The ways out of Unverified that need a person: reveal the kept candidate (audited, like a
 * credential reveal), then say which secret the target holds, or reconcile. The runner keeps
 * trying the logins by itself meanwhile; each action asks for confirmation first.
 */
export function SettleUnverifiedPanel({ operation }: { readonly operation: OperationView }) {
  const canReveal = useCan('credential.reveal');
  const canSettle = useCan('operation.settle');
  const [secret, setSecret] = useState<string | undefined>(undefined);
  const [confirming, setConfirming] = useState<SettleAction | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  if (!isSettleable(operation.state) || !changesSecret(operation.type) || (!canReveal && !canSettle)) {
    // Once settled the panel goes, but what the settlement did stays said.
    return message ? (
      <p role="status" className="muted">
        {message}
      </p>
    ) : null;
  }

  async function reveal() {
    setBusy(true);
    const result = await api().call('operation.revealCandidate', { code: operation.code });
    setBusy(false);
    if (!result.ok) return setMessage(`The candidate could not be revealed: ${result.error.message}`);
    setMessage(undefined);
    setSecret(result.value.secret);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setSecret(undefined);
      setMessage('The candidate was hidden after 30 seconds. Reveal it again if you still need it.');
    }, AUTO_HIDE_MS);
  }

  async function settle(action: SettleAction) {
    setBusy(true);
    const result =
      action === 'reconcile'
        ? await api().call('operation.settleByReconcile', { code: operation.code })
        : await api().call('operation.settle', { code: operation.code, targetHolds: action });
    setBusy(false);
    setConfirming(undefined);
    if (!result.ok) return setMessage(`${operation.code} was not settled: ${result.error.message}`);
    clearTimeout(timer.current);
    setSecret(undefined);
    setMessage(action === 'reconcile' && 'reconcileCode' in result.value ? `Settled: reconcile ${result.value.reconcileCode} is scheduled.` : `Settled: ${operation.code} is now ${'state' in result.value ? result.value.state : 'settled'}.`);
  }

  return (
    <section className="confirm-box" aria-label={`Settle ${operation.code}`} data-testid="settle-unverified">
      <p>
        The target may hold the new secret (the candidate) or still the current one. pamdesk retries both logins by itself; you can also settle it now.
      </p>
      {canReveal && (
        <div className="secret-panel">
          <div className="secret-value" aria-live="polite">
            {secret === undefined ? (
              <span className="muted" aria-hidden="true">
                ••••••••••••
              </span>
            ) : (
              <code aria-label="Revealed candidate" data-testid="revealed-candidate">
                {secret}
              </code>
            )}
          </div>
          <div className="button-row">
            {secret === undefined ? (
              <button type="button" className="secondary" disabled={busy} onClick={() => void reveal()}>
                Reveal candidate
              </button>
            ) : (
              <button type="button" className="secondary" onClick={() => setSecret(undefined)}>
                Hide
              </button>
            )}
          </div>
        </div>
      )}
      {canSettle && confirming === undefined && (
        <div className="button-row">
          {(Object.keys(ACTIONS) as SettleAction[]).map((action) => (
            <button key={action} type="button" className="secondary" disabled={busy} onClick={() => setConfirming(action)}>
              {ACTIONS[action].label}
            </button>
          ))}
        </div>
      )}
      {canSettle && confirming !== undefined && (
        <div role="group" aria-label="Confirm settle">
          <p>{ACTIONS[confirming].confirm}</p>
          <div className="button-row">
            <button type="button" className="secondary" onClick={() => setConfirming(undefined)}>
              Back
            </button>
            <button type="button" className="primary" disabled={busy} onClick={() => void settle(confirming)} data-autofocus>
              {busy ? 'Settling…' : ACTIONS[confirming].button}
            </button>
          </div>
        </div>
      )}
      {message && (
        <p role="status" className="muted">
          {message}
        </p>
      )}
    </section>
  );
}
