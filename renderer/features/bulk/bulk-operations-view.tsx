import { useState } from 'react';
import { BULK_STATES, type BulkState } from '../../../shared/domain/bulk';
import { BULK_PAGE_SIZE } from '../../stores/bulk-store';
import { useCan, useSession } from '../../stores/session-store';
import { SelectField } from '../shared-ui/field';
import { BulkRequestDialog } from './bulk-request-dialog';
import { BulkRequestsTable } from './bulk-requests-table';
import { CancelRequest } from './cancel-request';
import { useBulkPage } from './use-bulk-page';

type StateFilter = BulkState | 'all';

/** Seed 001's Reports > Events > Bulk operations: every request, its decisions and its tasks. */
export function BulkOperationsView() {
  const [state, setState] = useState<StateFilter>('all');
  const [page, setPage] = useState(0);
  const [open, setOpen] = useState<string | undefined>(undefined);
  const { shown, error } = useBulkPage(state === 'all' ? [] : [state], page);
  const username = useSession((s) => s.session?.username);
  const canRequest = useCan('bulk.request');
  const total = shown?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / BULK_PAGE_SIZE));

  return (
    <section className="bulk-view" aria-labelledby="bulk-title">
      <header className="view-header">
        <h1 id="bulk-title">Bulk operations</h1>
        <SelectField<StateFilter>
          label="State"
          value={state}
          options={[{ value: 'all', label: 'All states' }, ...BULK_STATES.map((s) => ({ value: s, label: s }))]}
          onChange={(v) => {
            setState(v);
            setPage(0);
          }}
        />
      </header>
      <p className="muted">Bulk edit, enable, disable and expire requests. Select a credential set in Credentials and use Bulk action to request one.</p>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {!shown && !error && <p className="muted">Loading bulk requests…</p>}
      {shown && shown.rows.length === 0 && <p className="empty-state">{state === 'all' ? 'No bulk request yet.' : `No bulk request is ${state}.`}</p>}
      {shown && shown.rows.length > 0 && <BulkRequestsTable label="Bulk requests" rows={shown.rows} onOpen={(row) => setOpen(row.code)} report />}
      {total > BULK_PAGE_SIZE && (
        <nav className="pager" aria-label="Pages of bulk requests">
          <button type="button" className="secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
            Previous
          </button>
          <span className="muted">
            Page {page + 1} of {pages}
          </span>
          <button type="button" className="secondary" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
            Next
          </button>
        </nav>
      )}
      {open && (
        <BulkRequestDialog
          code={open}
          onClose={() => setOpen(undefined)}
          actions={(request, reload) => (canRequest && request.state === 'Pending approval' && request.requestedBy === username ? <CancelRequest request={request} onDone={reload} /> : null)}
        />
      )}
    </section>
  );
}
