import { useCallback, useEffect, useState } from 'react';
import type { AttemptView } from '../../../shared/contract/operation-channels';
import { api } from '../../api/api';
import { Dialog } from '../shared-ui/dialog';
import { AttemptSummary } from './attempt-summary';
import { TranscriptViewer } from './transcript-viewer';
import { useOperationEvents } from './use-operation-events';

interface OperationAttemptsDialogProps {
  readonly code: string;
  readonly onClose: () => void;
}

/** Seed 000's "View attempts": every attempt of one operation with its masked transcript. */
export function OperationAttemptsDialog({ code, onClose }: OperationAttemptsDialogProps) {
  const [attempts, setAttempts] = useState<readonly AttemptView[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  const load = useCallback(() => {
    void api()
      .call('operation.attempts', { code })
      .then((result) => {
        if (result.ok) {
          setAttempts(result.value);
          setError(undefined);
        } else setError(`The attempts of ${code} could not be loaded: ${result.error.message}`);
      });
  }, [code]);

  useEffect(load, [load]);
  // A running attempt grows its transcript: follow it while the dialog is open.
  useOperationEvents(load);

  return (
    <Dialog
      title={`Attempts of ${code}`}
      onClose={onClose}
      wide
      footer={
        <button type="button" className="primary" onClick={onClose}>
          Done
        </button>
      }
    >
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {attempts === undefined && !error && <p className="muted">Loading attempts…</p>}
      {attempts?.length === 0 && <p className="empty-note">No attempt has been made yet: the runner picks the operation up when it is due.</p>}
      {attempts?.map((attempt) => (
        <section key={attempt.id} className="attempt" aria-labelledby={`attempt-${attempt.id}`}>
          <h3 id={`attempt-${attempt.id}`}>Attempt {attempt.number}</h3>
          <AttemptSummary attempt={attempt} />
          <TranscriptViewer label={`Transcript of attempt ${attempt.number} of ${code}`} transcript={attempt.transcript} />
        </section>
      ))}
    </Dialog>
  );
}
