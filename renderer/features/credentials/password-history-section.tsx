import { useState } from 'react';
import { replacementReasonLabel, type SecretHistoryEntryView } from '../../../shared/domain/secret-history';
import { useCan } from '../../stores/session-store';
import { formatTime } from '../operations/operation-labels';
import { useAutoHiddenSecret } from './use-auto-hidden-secret';
import { useSecretHistory } from './use-secret-history';

interface PasswordHistorySectionProps {
  readonly credentialId: number;
  /** "password", "private key", "PIN". */
  readonly noun: string;
  /** The credential is InSync now: restoring asks the user to accept losing that, as the reset dialog does. */
  readonly inSync: boolean;
  /** After a restore, the dialog reloads the credential (InSync, version). */
  readonly onRestored: (message: string) => void;
}

/**
 * The secrets this credential held before (issue 12, item 9): when and why each was replaced,
 * reveal one (audited, hidden again after 30 s like the current secret) and restore one through a
 * vault-only reset, after a confirmation that says what it does.
 */
export function PasswordHistorySection({ credentialId, noun, inSync, onRestored }: PasswordHistorySectionProps) {
  const { entries, error, reveal, restore } = useSecretHistory(credentialId);
  const canReveal = useCan('credential.reveal');
  const canWrite = useCan('credential.write');
  const revealed = useAutoHiddenSecret(`previous ${noun}`);
  const [shownEntry, setShownEntry] = useState<number | undefined>(undefined);
  const [confirming, setConfirming] = useState<SecretHistoryEntryView | undefined>(undefined);

  async function onReveal(entryId: number) {
    const answer = await reveal(entryId);
    if ('secret' in answer) {
      setShownEntry(entryId);
      revealed.show(answer.secret);
    } else {
      revealed.setMessage(answer.message);
    }
  }

  return (
    <section aria-labelledby={`password-history-${credentialId}`} className="credential-history">
      <h3 id={`password-history-${credentialId}`}>Password history</h3>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {entries === undefined && !error && <p className="muted">Loading password history…</p>}
      {entries?.length === 0 && <p className="empty-note">No previous {noun} yet: each time this {noun} is changed, reset, imported or edited, the one it replaces is kept here.</p>}
      {entries && entries.length > 0 && (
        <div className="table-scroller">
          <table className="data-table" aria-label="Password history">
            <thead>
              <tr>
                {['Replaced', 'Why', 'By', 'Secret', 'Actions'].map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => {
                const shown = shownEntry === entry.id ? revealed.secret : undefined;
                return (
                  <tr key={entry.id} data-testid={`history-entry-${entry.id}`}>
                    <th scope="row">{formatTime(entry.replacedAt)}</th>
                    <td>
                      {replacementReasonLabel(entry.reason)}
                      {entry.operationCode && <span className="muted"> ({entry.operationCode})</span>}
                    </td>
                    <td>{entry.replacedBy}</td>
                    <td>
                      {shown === undefined ? (
                        <span className="muted" aria-hidden="true">
                          ••••••••
                        </span>
                      ) : (
                        <code aria-label={`Previous ${noun} replaced ${formatTime(entry.replacedAt)}`} data-testid="revealed-history-secret">
                          {shown}
                        </code>
                      )}
                    </td>
                    <td>
                      <div className="button-row">
                        {canReveal &&
                          (shown === undefined ? (
                            <button type="button" className="secondary" onClick={() => void onReveal(entry.id)}>
                              Reveal
                            </button>
                          ) : (
                            <button type="button" className="secondary" onClick={revealed.hide}>
                              Hide
                            </button>
                          ))}
                        {canWrite && (
                          <button type="button" className="secondary" onClick={() => setConfirming(entry)}>
                            Restore
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {revealed.message && (
        <p role="status" className="muted">
          {revealed.message}
        </p>
      )}
      {confirming && (
        <RestoreConfirmation
          key={confirming.id}
          entry={confirming}
          noun={noun}
          inSync={inSync}
          onCancel={() => setConfirming(undefined)}
          onConfirm={async (acceptInSyncLoss) => {
            const outcome = await restore(confirming.id, acceptInSyncLoss);
            if (!outcome.ok) return outcome;
            setConfirming(undefined);
            const verify = outcome.result.mode === 'vault' ? outcome.result.verifyOperationCode : null;
            onRestored(`The ${noun} replaced ${formatTime(confirming.replacedAt)} is the current ${noun} again, in the vault only.${verify ? ` ${verify} verifies it against the target.` : ''}`);
            return outcome;
          }}
        />
      )}
    </section>
  );
}

interface RestoreConfirmationProps {
  readonly entry: SecretHistoryEntryView;
  readonly noun: string;
  readonly inSync: boolean;
  readonly onCancel: () => void;
  readonly onConfirm: (acceptInSyncLoss: boolean) => Promise<{ readonly ok: boolean; readonly message?: string; readonly needsInSyncConfirmation?: boolean }>;
}

/** Says what a restore does before it happens; keeps the answer's words if main refuses. */
function RestoreConfirmation({ entry, noun, inSync, onCancel, onConfirm }: RestoreConfirmationProps) {
  const [acceptInSyncLoss, setAcceptInSyncLoss] = useState(false);
  const [askInSync, setAskInSync] = useState(inSync);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | undefined>(undefined);

  async function confirm() {
    setBusy(true);
    const outcome = await onConfirm(acceptInSyncLoss);
    setBusy(false);
    if (!outcome.ok) {
      setMessage(outcome.message);
      if (outcome.needsInSyncConfirmation) setAskInSync(true);
    }
  }

  return (
    <div className="form-section" role="group" aria-label="Restore a previous secret">
      <p>
        Make the {noun} replaced {formatTime(entry.replacedAt)} ({replacementReasonLabel(entry.reason).toLowerCase()}) the current {noun} again? Only the vault changes, not the target; pamdesk then verifies it
        against the target. The current {noun} is kept in this history.
      </p>
      {askInSync && (
        <label className="checkbox-field">
          <input type="checkbox" checked={acceptInSyncLoss} onChange={(event) => setAcceptInSyncLoss(event.target.checked)} />
          This credential is InSync: I accept that it loses that status until the verify
        </label>
      )}
      {message && (
        <p role="alert" className="form-error">
          {message}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="primary" disabled={busy || (askInSync && !acceptInSyncLoss)} onClick={() => void confirm()}>
          Restore this {noun}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
