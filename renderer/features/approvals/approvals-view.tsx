import { useState } from 'react';
import { useCan } from '../../stores/session-store';
import { BulkRequestDialog } from '../bulk/bulk-request-dialog';
import { BulkRequestsTable } from '../bulk/bulk-requests-table';
import { useBulkPage } from '../bulk/use-bulk-page';
import { decideBulk } from './decide';
import { DecisionForm } from './decision-form';
import { OperationApprovals } from './operation-approvals';

const PENDING = ['Pending approval'] as const;

/**
 * The approver's queue: operations Awaiting approval and pending bulk requests, each decided with a
 * justification, never by the person who asked.
 */
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
      <OperationApprovals />
      <h2 id="bulk-approvals-title">Bulk requests awaiting approval</h2>
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
                code={request.code}
                decide={(decision, justification) => decideBulk(request.code, decision, justification)}
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
