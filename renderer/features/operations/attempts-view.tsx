import { useEffect, useId, useState } from 'react';
import type { AttemptView } from '../../../shared/contract/operation-channels';
import { useAttempts } from '../../stores/operations-store';
import { formatTime, OUTCOME_LABEL, TYPE_LABEL } from './operation-labels';
import { Pager } from './pager';
import { TranscriptDialog } from './transcript-dialog';
import { useOperationEvents } from './use-operation-events';

const OUTCOMES = Object.keys(OUTCOME_LABEL) as NonNullable<AttemptView['outcome']>[];
const HEADERS = ['Operation', 'Attempt', 'Type', 'Credential', 'Device', 'Started', 'Ended', 'Outcome', 'Error', 'Runner', 'Transcript'];

/** Seed 000's "List attempted operations": one row per attempt, to find the failures in the park. */
export function AttemptsView() {
  const { outcome, page, shown, error, setOutcome, setPage, refresh } = useAttempts();
  const [open, setOpen] = useState<AttemptView | undefined>(undefined);
  const outcomeId = useId();

  useEffect(() => {
    void refresh();
  }, [refresh]);
  useOperationEvents(() => void refresh());

  return (
    <section className="attempts-view" aria-labelledby="attempts-title">
      <header className="view-header">
        <h1 id="attempts-title">Attempted operations</h1>
        <span className="facet-select">
          <label htmlFor={outcomeId}>Outcome</label>
          <select id={outcomeId} value={outcome ?? ''} onChange={(e) => setOutcome(OUTCOMES.find((o) => o === e.target.value))}>
            <option value="">Any</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {OUTCOME_LABEL[o]}
              </option>
            ))}
          </select>
        </span>
      </header>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {shown === undefined ? (
        <p className="muted">Loading attempts…</p>
      ) : shown.rows.length === 0 ? (
        <p className="empty-note">
          {outcome ? 'No attempt has this outcome. Choose Any to see them all.' : 'No attempts yet: they appear here when the runner starts a scheduled operation (see Operations).'}
        </p>
      ) : (
        <>
          <div className="table-scroller">
            <table className="data-table" aria-label="Attempts">
              <thead>
                <tr>
                  {HEADERS.map((h) => (
                    <th key={h} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.rows.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">{a.operationCode}</th>
                    <td>{a.number}</td>
                    <td>{TYPE_LABEL[a.operationType]}</td>
                    <td>{a.identifier}</td>
                    <td>{a.hostname}</td>
                    <td>{formatTime(a.startedAt)}</td>
                    <td>{formatTime(a.endedAt)}</td>
                    <td>{a.outcome ? OUTCOME_LABEL[a.outcome] : 'Running'}</td>
                    <td className="cell-message" title={a.error ?? undefined}>
                      {a.error ?? '—'}
                    </td>
                    <td>{a.runner}</td>
                    <td>
                      <button type="button" className="link-button" aria-label={`Transcript of attempt ${a.number} of ${a.operationCode}`} onClick={() => setOpen(a)}>
                        View
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager noun="attempts" page={page} total={shown.total} onPage={setPage} />
        </>
      )}
      {open && <TranscriptDialog attempt={open} onClose={() => setOpen(undefined)} />}
    </section>
  );
}
