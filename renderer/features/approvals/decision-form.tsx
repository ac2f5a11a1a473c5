import { useId, useState } from 'react';
import type { BulkDecision } from '../../../shared/domain/bulk';

/** What deciding answered: the sentence to show, or main's refusal in the operator's words. */
export type DecisionAnswer = { readonly ok: true; readonly message: string } | { readonly ok: false; readonly message: string };

interface DecisionFormProps {
  /** The request or operation decided, e.g. BULK-000001 or OP-000042. */
  readonly code: string;
  readonly decide: (decision: BulkDecision, justification: string) => Promise<DecisionAnswer>;
  readonly onDecided: (message: string) => void;
}

/**
 * Approve or Reject, each with a required justification (it is recorded with the decision and
 * shown in the report). Main's refusals, e.g. deciding one's own request, are shown as they come.
 * One form for both kinds of approval: bulk requests and operations.
 */
export function DecisionForm({ code, decide, onDecided }: DecisionFormProps) {
  const id = useId();
  const [justification, setJustification] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  async function submit(decision: BulkDecision) {
    if (justification.trim() === '') {
      setError(`Say why you ${decision} ${code}: a justification is required.`);
      return;
    }
    setError(undefined);
    setBusy(true);
    const answer = await decide(decision, justification);
    setBusy(false);
    if (!answer.ok) return setError(answer.message);
    setJustification('');
    onDecided(answer.message);
  }

  return (
    <form className="decision-form" aria-label={`Decide ${code}`} onSubmit={(e) => e.preventDefault()}>
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
        <button type="button" className="primary" disabled={busy} onClick={() => void submit('approve')}>
          Approve
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void submit('reject')}>
          Reject
        </button>
      </div>
    </form>
  );
}
