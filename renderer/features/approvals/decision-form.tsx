import { useId, useState } from 'react';
import type { BulkDecision, BulkRequestDetail } from '../../../shared/domain/bulk';
import { api } from '../../api/api';

interface DecisionFormProps {
  readonly request: BulkRequestDetail;
  readonly onDecided: (message: string) => void;
}

/**
 * Approve or Reject, each with a required justification (it is recorded with the decision and
 * shown in the report). Main's refusals, e.g. deciding one's own request, are shown as they come.
 */
export function DecisionForm({ request, onDecided }: DecisionFormProps) {
  const id = useId();
  const [justification, setJustification] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  async function decide(decision: BulkDecision) {
    if (justification.trim() === '') {
      setError(`Say why you ${decision} this request: a justification is required.`);
      return;
    }
    setError(undefined);
    setBusy(true);
    const result = await api().call(decision === 'approve' ? 'bulk.approve' : 'bulk.reject', { ref: request.code, justification });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setJustification('');
    onDecided(`${result.value.code} is now ${result.value.state}.${result.value.message ? ` ${result.value.message}` : ''}`);
  }

  return (
    <form className="decision-form" aria-label={`Decide ${request.code}`} onSubmit={(e) => e.preventDefault()}>
      <div className="form-row">
        <label htmlFor={id}>Justification</label>
        <textarea id={id} rows={3} required aria-required="true" aria-invalid={error !== undefined || undefined} aria-describedby={error ? `${id}-error` : undefined} value={justification} onChange={(e) => setJustification(e.target.value)} />
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="primary" disabled={busy} onClick={() => void decide('approve')}>
          Approve
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void decide('reject')}>
          Reject
        </button>
      </div>
    </form>
  );
}
