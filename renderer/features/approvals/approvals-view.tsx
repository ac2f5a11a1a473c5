import { useState } from 'react';
import { useCan } from '../../stores/session-store';
import { BulkRequestDialog } from '../bulk/bulk-request-dialog';
import { BulkRequestsTable } from '../bulk/bulk-requests-table';
import { useBulkPage } from '../bulk/use-bulk-page';
import { DecisionForm } from './decision-form';

const PENDING = ['Pending approval'] as const;

/** The approver's queue: pending bulk requests, each opened to its tasks and decided with a reason. */
export function ApprovalsView() {
  const canApprove = useCan('bulk.approve');
  const { shown, error } = useBulkPage(PENDING, 0);
  const [open, setOpen] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);

  return (
    <section className="bulk-view" aria-labelledby="approvals-title">
      <header className="view-header">
        <h1 id="approvals-title">Approvals</h1>
      </header>
      {!canApprove && <p className="muted">You can see the pending requests; only an approver (another person than the requester) can approve or reject them.</p>}
      {notice && (
        <p role="status" className="form-notice">
          {notice}
        </p>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {!shown && !error && <p className="muted">Loading pending requests…</p>}
      {shown && shown.rows.length === 0 && <p className="empty-state">No bulk request is waiting for a decision.</p>}
      {shown && shown.rows.length > 0 && <BulkRequestsTable label="Pending bulk requests" rows={shown.rows} onOpen={(row) => setOpen(row.code)} />}
      {shown && shown.total > shown.rows.length && <p className="muted">{`Showing ${shown.rows.length} of ${shown.total} pending requests: decide these to see the rest.`}</p>}
      {open && (
        <BulkRequestDialog
          code={open}
          onClose={() => setOpen(undefined)}
          actions={(request) =>
            notice?.startsWith(request.code) ? (
              <p role="status" className="form-notice">
                {notice}
              </p>
            ) : canApprove && request.state === 'Pending approval' ? (
              <DecisionForm
                request={request}
                // The dialog stays open: its details reload and show the new state and the tasks' results.
                onDecided={setNotice}
              />
            ) : null
          }
        />
      )}
    </section>
  );
}
