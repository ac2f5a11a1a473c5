import { Fragment, useCallback, useEffect, useState } from 'react';
import type { OperationApprovalView } from '../../../shared/contract/approval-channels';
import { api } from '../../api/api';
import { useBulk } from '../../stores/bulk-store';
import { useCan } from '../../stores/session-store';
import { formatTime, TYPE_LABEL } from '../operations/operation-labels';
import { useOperationEvents } from '../operations/use-operation-events';
import { Dialog } from '../shared-ui/dialog';
import { decideOperation } from './decide';
import { DecisionForm } from './decision-form';

const CRITICALITY_LABEL = { low: 'Low', medium: 'Medium', high: 'High' } as const;
const OWN_REQUEST = 'You requested it: another approver must decide (four eyes). You can cancel it in Operations.';

/** Operations Awaiting approval (highly critical credentials' changes), beside the bulk requests. */
export function OperationApprovals() {
  const canApprove = useCan('operation.approve');
  const revision = useBulk((state) => state.revision);
  const [rows, setRows] = useState<readonly OperationApprovalView[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [open, setOpen] = useState<OperationApprovalView | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);

  const load = useCallback(() => {
    void api()
      .call('operation.pendingApprovals', {})
      .then((result) => {
        if (result.ok) {
          setRows(result.value.rows);
          setError(undefined);
        } else setError(`The operations awaiting approval could not be loaded: ${result.error.message}`);
      });
  }, []);
  useEffect(load, [load, revision]);
  useOperationEvents(load);

  return (
    <section aria-labelledby="operation-approvals-title" className="approvals-section">
      <h2 id="operation-approvals-title">Operations awaiting approval</h2>
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
      {!rows && !error && <p className="muted">Loading operations awaiting approval…</p>}
      {rows && rows.length === 0 && <p className="empty-state">No operation is awaiting approval.</p>}
      {rows && rows.length > 0 && (
        <div className="table-scroller">
          <table className="data-table operations-table" aria-label="Operations awaiting approval">
            <thead>
              <tr>
                {['Operation', 'Credential and device', 'Criticality', 'Requested by / reason', 'Requested / expires', 'Decision'].map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((op) => (
                <tr key={op.id}>
                  <th scope="row">
                    <span className="cell-line">{op.code}</span>
                    <span className="cell-line muted">{TYPE_LABEL[op.type]}</span>
                  </th>
                  <td className="cell-two-lines">
                    <span className="cell-line">{op.identifier}</span>
                    <span className="cell-line muted">{`${op.hostname} (${op.ip})`}</span>
                  </td>
                  <td>{op.criticality ? CRITICALITY_LABEL[op.criticality] : '—'}</td>
                  <td>
                    <span className="cell-line">{op.requester}</span>
                    <span className="cell-line muted">{op.trigger}</span>
                  </td>
                  <td>
                    <span className="cell-line">{formatTime(op.requestedAt)}</span>
                    <span className="cell-line muted">{`expires ${formatTime(op.expiresAt)}`}</span>
                  </td>
                  <td>
                    {op.ownRequest ? (
                      <span className="muted">Your request</span>
                    ) : (
                      <button type="button" className="link-button" aria-label={`Decide ${op.code}`} onClick={() => setOpen(op)}>
                        {canApprove ? 'Decide' : 'View'}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows?.some((op) => op.ownRequest) && <p className="muted">{OWN_REQUEST}</p>}
      {open && (
        <Dialog
          title={`Operation ${open.code} awaiting approval`}
          onClose={() => setOpen(undefined)}
          footer={
            <button type="button" className="secondary" onClick={() => setOpen(undefined)}>
              Close
            </button>
          }
        >
          <dl className="details-list">
            {(
              [
                ['Operation', TYPE_LABEL[open.type]],
                ['Credential', `${open.identifier} (${open.username})`],
                ['Device', `${open.hostname} (${open.ip})`],
                ['Criticality', open.criticality ? CRITICALITY_LABEL[open.criticality] : '—'],
                ['Requested by', open.requester],
                ['Reason', open.trigger],
                ['Requested at', formatTime(open.requestedAt)],
                ['Expires', formatTime(open.expiresAt)],
              ] as const
            ).map(([term, value]) => (
              <Fragment key={term}>
                <dt>{term}</dt>
                <dd>{value}</dd>
              </Fragment>
            ))}
          </dl>
          {open.ownRequest ? (
            <p className="muted">{OWN_REQUEST}</p>
          ) : canApprove ? (
            <DecisionForm
              code={open.code}
              decide={(decision, justification) => decideOperation(open.code, decision, justification)}
              onDecided={(message) => {
                setOpen(undefined);
                setNotice(message);
                load();
              }}
            />
          ) : (
            <p className="muted">Only an approver can approve or reject an operation.</p>
          )}
        </Dialog>
      )}
    </section>
  );
}
