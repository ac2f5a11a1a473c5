import type { AttemptView } from '../../../shared/contract/operation-channels';
import { formatTime, OUTCOME_LABEL } from './operation-labels';

/** The facts of one attempt as a definition list (used by the attempts dialog and list). */
export function AttemptSummary({ attempt }: { readonly attempt: AttemptView }) {
  return (
    <dl className="details-list">
      <dt>Outcome</dt>
      <dd>{attempt.outcome ? OUTCOME_LABEL[attempt.outcome] : 'Still running'}</dd>
      <dt>Started</dt>
      <dd>{formatTime(attempt.startedAt)}</dd>
      <dt>Ended</dt>
      <dd>{formatTime(attempt.endedAt)}</dd>
      <dt>Runner</dt>
      <dd>{attempt.runner}</dd>
      {attempt.error && (
        <>
          <dt>Error</dt>
          <dd className="form-error">{attempt.error}</dd>
        </>
      )}
    </dl>
  );
}
