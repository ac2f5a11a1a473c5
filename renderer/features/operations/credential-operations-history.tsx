import { useCallback, useEffect, useState } from 'react';
import type { OperationView } from '../../../shared/contract/operation-channels';
import { api } from '../../api/api';
import { useCan } from '../../stores/session-store';
import { formatTime, TYPE_LABEL } from './operation-labels';
import { StateBadge } from './state-badge';
import { useOperationEvents } from './use-operation-events';

/** The latest operations are what an operator looks for here; the full list is in Operations. */
const LIMIT = 20;

/** A credential's operations (changes, verifications…), newest first, kept live. */
export function CredentialOperationsHistory({ credentialId }: { readonly credentialId: number }) {
  const canRead = useCan('operation.read');
  const [page, setPage] = useState<{ readonly total: number; readonly rows: readonly OperationView[] } | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  const load = useCallback(() => {
    if (!canRead) return;
    void api()
      .call('operation.list', { credentialId, limit: LIMIT })
      .then((result) => {
        if (result.ok) setPage(result.value);
        else setError(`The history could not be loaded: ${result.error.message}`);
      });
  }, [canRead, credentialId]);
  useEffect(load, [load]);
  useOperationEvents(load);

  if (!canRead) return null;
  return (
    <section aria-labelledby={`history-${credentialId}`} className="credential-history">
      <h3 id={`history-${credentialId}`}>History</h3>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {page === undefined && !error && <p className="muted">Loading history…</p>}
      {page?.rows.length === 0 && <p className="empty-note">No operations yet. Request a password change for it from the top bar once automatic change is configured.</p>}
      {page && page.rows.length > 0 && (
        <div className="table-scroller">
          <table className="data-table" aria-label="Operation history">
            <thead>
              <tr>
                {['Code', 'Operation', 'State', 'Requester', 'Scheduled', 'Finished', 'Message'].map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {page.rows.map((op) => (
                <tr key={op.id}>
                  <th scope="row">{op.code}</th>
                  <td>{TYPE_LABEL[op.type]}</td>
                  <td>
                    <StateBadge state={op.state} />
                  </td>
                  <td>{op.requester}</td>
                  <td>{formatTime(op.scheduledAt)}</td>
                  <td>{formatTime(op.finishedAt)}</td>
                  <td className="cell-message">{op.message ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && page.total > page.rows.length && <p className="muted">The latest {page.rows.length} of {page.total}; see Operations for all of them.</p>}
    </section>
  );
}
