import { useEffect, useState } from 'react';
import type { OperationView } from '../../../shared/contract/operation-channels';
import { api } from '../../api/api';
import { EMPTY_OPERATION_FILTER, useOperations } from '../../stores/operations-store';
import { OperationAttemptsDialog } from './operation-attempts-dialog';
import { OperationDetailsDialog } from './operation-details-dialog';
import { OperationFilters } from './operation-filters';
import type { OperationAction } from './operation-row-actions';
import { OPERATION_COLUMNS, OperationsTable } from './operations-table';
import { ColumnChooser } from '../shared-ui/column-chooser';
import { useTableLayout } from '../shared-ui/use-table-layout';
import { RelatedEditor, type RelatedEdit } from './related-editor';
import { requestForCredential } from './request-operation';
import { Pager } from './pager';
import { useOperationEvents } from './use-operation-events';

type OpenDialog = { readonly kind: 'details'; readonly operation: OperationView } | { readonly kind: 'attempts'; readonly code: string } | { readonly kind: 'edit'; readonly edit: RelatedEdit } | undefined;

const DONE: Record<'restart' | 'now' | 'cancel', string> = {
  restart: 'restarted: it is scheduled again',
  now: 'moved to the front of the queue',
  cancel: 'canceled',
};

/** Seed 000's "List operations": filters, the live table and its per-row actions. */
export function OperationsView() {
  const { filter, page, shown, error, setFilter, setPage, refresh } = useOperations();
  const [dialog, setDialog] = useState<OpenDialog>(undefined);
  const [busyCode, setBusyCode] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<{ readonly text: string; readonly failed: boolean } | undefined>(undefined);
  const layout = useTableLayout('operations', OPERATION_COLUMNS);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  useOperationEvents(() => void refresh());

  async function act(action: OperationAction, op: OperationView) {
    if (action === 'details') return setDialog({ kind: 'details', operation: op });
    if (action === 'attempts') return setDialog({ kind: 'attempts', code: op.code });
    // The editors of the credential used on the execution and of its device (seed 000).
    if (action === 'editCredential') return setDialog({ kind: 'edit', edit: { kind: 'credential', credentialId: op.credentialId } });
    if (action === 'editDevice') return setDialog({ kind: 'edit', edit: { kind: 'device', deviceId: op.deviceId, hostname: op.hostname } });
    if (action === 'verify' || action === 'reconcile') {
      const requested = await requestForCredential(action, op.credentialId, op.identifier);
      setNotice(requested);
      return refresh();
    }
    setBusyCode(op.code);
    const channel = action === 'restart' ? 'operation.restart' : action === 'now' ? 'operation.now' : 'operation.cancel';
    const result = await api().call(channel, { code: op.code });
    setBusyCode(undefined);
    setNotice(result.ok ? { text: `${op.code} ${DONE[action]}.`, failed: false } : { text: `${op.code} was not changed: ${result.error.message}`, failed: true });
    void refresh();
  }

  const filtered = JSON.stringify(filter) !== JSON.stringify(EMPTY_OPERATION_FILTER);
  return (
    <section className="operations-view" aria-labelledby="operations-title">
      <header className="view-header">
        <h1 id="operations-title">Operations</h1>
        <ColumnChooser tableName="Operations" columns={OPERATION_COLUMNS} visibility={layout.visibility} onChange={layout.setVisibility} />
      </header>
      <OperationFilters filter={filter} onApply={setFilter} />
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {notice && (
        <p role={notice.failed ? 'alert' : 'status'} className={notice.failed ? 'form-error' : undefined}>
          {notice.text}
        </p>
      )}
      {shown === undefined ? (
        <p className="muted">Loading operations…</p>
      ) : shown.rows.length === 0 ? (
        <p className="empty-note" data-testid="operations-empty">
          {filtered
            ? 'No operation matches these filters. Change them or choose Clear filters.'
            : 'No operations yet. Choose Request password change (top bar) to schedule the first change of a credential with automatic change configured.'}
        </p>
      ) : (
        <>
          <OperationsTable rows={shown.rows} busyCode={busyCode} layout={layout} onAction={(action, op) => void act(action, op)} />
          <Pager noun="operations" page={page} total={shown.total} onPage={setPage} />
        </>
      )}
      {dialog?.kind === 'details' && <OperationDetailsDialog operation={dialog.operation} onClose={() => setDialog(undefined)} />}
      {dialog?.kind === 'attempts' && <OperationAttemptsDialog code={dialog.code} onClose={() => setDialog(undefined)} />}
      {dialog?.kind === 'edit' && (
        <RelatedEditor
          edit={dialog.edit}
          onSaved={(message) => {
            setDialog(undefined);
            setNotice({ text: message, failed: false });
            void refresh();
          }}
          onClose={() => setDialog(undefined)}
        />
      )}
    </section>
  );
}
