import { useCallback, useEffect, useRef, useState } from 'react';
import type { CredentialGridRow } from '../../../shared/domain/credential-grid-query';
import { hasFilters, loadedRows, useCredentials } from '../../stores/credentials-store';
import { useCan } from '../../stores/session-store';
import { BulkWizard } from '../bulk/bulk-wizard';
import { toSelected, type Selection } from '../bulk/bulk-selection';
import { requestForCredential, type CredentialRequest } from '../operations/request-operation';
import { ResetCredentialDialog, type ResetTarget } from '../reset/reset-credential-dialog';
import { copySecret } from './clipboard-secret';
import { ColumnChooser } from '../shared-ui/column-chooser';
import { useTableLayout } from '../shared-ui/use-table-layout';
import { GRID_COLUMNS } from './grid-columns';
import { CredentialDetailsDialog } from './credential-details-dialog';
import { ArchivedCredentialsDialog } from './archived-credentials-dialog';
import { CredentialEditor } from './credential-editor';
import { CredentialsGrid } from './credentials-grid';
import { CredentialSearch } from './credential-search';
import { FacetFilters } from './facet-filters';
import { SelectAllMatching } from './select-all-matching';
import { RequestChangeDialog, type PresetChangeSelection } from '../operations/request-change-dialog';
import type { CredentialMatching } from '../../../shared/domain/credential-selection';
import { FirstStepNote } from './first-step-note';
import { useCredentialShortcuts } from './use-credential-shortcuts';
import { useVaultChanges } from '../../stores/vault-changes';

type OpenDialog =
  | { readonly kind: 'details'; readonly id: number; readonly title: string; readonly reveal: boolean }
  | { readonly kind: 'editor'; readonly id: number | undefined }
  | { readonly kind: 'bulk'; readonly selection: Selection; readonly matching: CredentialMatching | undefined }
  | { readonly kind: 'change'; readonly preset: PresetChangeSelection }
  | { readonly kind: 'reset'; readonly target: ResetTarget };

/** The credentials view: search, filters, the virtual grid, its status line and the dialogs. */
export function CredentialsView() {
  const { shown, search, filters, selected, matching, error, loadFacets, invalidate, refresh } = useCredentials();
  const selectedCount = matching?.count ?? selected.size;
  const canWrite = useCan('credential.write');
  const canReveal = useCan('credential.reveal');
  const canBulk = useCan('bulk.request');
  const canRequest = useCan('operation.request');
  const layout = useTableLayout('credentials', GRID_COLUMNS);
  const [dialog, setDialog] = useState<OpenDialog | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [archivedOpen, setArchivedOpen] = useState(false);

  useEffect(() => {
    void loadFacets();
  }, [loadFacets]);
  // Another window, tab or person changed credentials (an approved bulk edit, an import): the rows
  // on screen are refetched in place, keeping the scroll position and the selection.
  useVaultChanges(['credential'], () => {
    refresh();
    void loadFacets();
  });
  // Changes made while another view was open were not followed: rows kept from before are refetched.
  useEffect(() => {
    if (useCredentials.getState().shown.total !== undefined) useCredentials.getState().refresh();
  }, []);

  // The grid reports its active row; Ctrl+Shift+C / Ctrl+Shift+R act on it (or on the one selected row).
  const activeRow = useRef<CredentialGridRow | undefined>(undefined);
  const onActiveRow = useCallback((row: CredentialGridRow | undefined) => {
    activeRow.current = row;
  }, []);
  useCredentialShortcuts({
    activeRow: () => activeRow.current,
    onCopy: canReveal ? (row) => void copy(row) : undefined,
    onReset: canWrite ? (row) => setDialog({ kind: 'reset', target: row }) : undefined,
    onNoTarget: () => setNotice('Select a credential first: click its row, or move to it with the arrow keys.'),
  });

  function open(row: CredentialGridRow, reveal = false) {
    setDialog({ kind: 'details', id: row.id, title: `Credential ${row.identifier}`, reveal });
  }

  async function request(row: CredentialGridRow, kind: CredentialRequest) {
    setNotice((await requestForCredential(kind, row.id, row.identifier)).text);
  }

  async function copy(row: CredentialGridRow) {
    setNotice(`${row.identifier}: ${await copySecret(row.id)}`);
  }

  function saved(message: string) {
    setDialog(undefined);
    setNotice(message);
    invalidate();
    void loadFacets();
  }

  // The wizard starts from the grid's selection: the loaded rows chosen, or all matching as a query.
  function openBulk() {
    const rows = matching ? [] : loadedRows(shown).filter(({ row }) => selected.has(row.id));
    setDialog({ kind: 'bulk', selection: new Map(rows.map(({ row }) => [row.id, toSelected(row)])), matching });
  }

  function openChange() {
    const rows = matching ? [] : loadedRows(shown).filter(({ row }) => selected.has(row.id));
    setDialog({ kind: 'change', preset: { rows: new Map(rows.map(({ row }) => [row.id, row])), matching } });
  }

  const filtered = search.trim() !== '' || hasFilters(filters);
  const emptyMessage = filtered ? (
    `No credential matches${search.trim() ? ` "${search.trim()}"` : ''} with these filters. Change the search or clear the filters.`
  ) : (
    <FirstStepNote onNewCredential={() => setDialog({ kind: 'editor', id: undefined })} />
  );
  const total = shown.total;

  return (
    <section className="credentials-view" aria-labelledby="credentials-title">
      <header className="view-header">
        <h1 id="credentials-title">Credentials</h1>
        <CredentialSearch />
        <ColumnChooser tableName="Credentials" columns={GRID_COLUMNS} visibility={layout.visibility} onChange={layout.setVisibility} />
        {canBulk && (
          <button type="button" className="secondary" onClick={openBulk} title="Edit, enable, disable or expire the selected credentials, after an approver's decision">
            Bulk action{selectedCount > 0 ? ` (${selectedCount.toLocaleString()})` : ''}
          </button>
        )}
        {canRequest && selectedCount > 0 && (
          <button type="button" className="secondary" onClick={openChange} title="Change the passwords of the selected credentials now">
            {`Change passwords (${selectedCount.toLocaleString()})`}
          </button>
        )}
        <button type="button" className="secondary" onClick={() => setArchivedOpen(true)}>
          Archived
        </button>
        {canWrite && (
          <button type="button" className="primary" onClick={() => setDialog({ kind: 'editor', id: undefined })}>
            New credential
          </button>
        )}
      </header>
      <FacetFilters />
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <SelectAllMatching />
      <CredentialsGrid columnVisibility={layout.visibility} columnSizing={layout.sizing} onColumnWidth={layout.setWidth} canReveal={canReveal} onOpen={open} onCopy={(row) => void copy(row)} onReset={canWrite ? (row) => setDialog({ kind: 'reset', target: row }) : undefined}
        onRequest={canRequest ? (row, kind) => void request(row, kind) : undefined}
        emptyMessage={emptyMessage} onActiveRow={onActiveRow} />
      <p className="grid-status" role="status" aria-live="polite" data-testid="grid-status">
        {total === undefined ? 'Loading credentials…' : shown.totalCapped ? `More than ${total.toLocaleString()} credentials` : `${total.toLocaleString()} ${total === 1 ? 'credential' : 'credentials'}`}
        {selectedCount > 0 && ` · ${selectedCount.toLocaleString()} selected`}
        {notice && ` · ${notice}`}
      </p>
      {dialog?.kind === 'details' && (
        <CredentialDetailsDialog
          id={dialog.id}
          title={dialog.title}
          revealOnOpen={dialog.reveal}
          onEdit={(id) => setDialog({ kind: 'editor', id })}
          onReset={(target) => setDialog({ kind: 'reset', target })}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog?.kind === 'bulk' && <BulkWizard initial={dialog.selection} matching={dialog.matching} onClose={() => setDialog(undefined)} />}
      {dialog?.kind === 'change' && <RequestChangeDialog preset={dialog.preset} onClose={() => setDialog(undefined)} />}
      {dialog?.kind === 'reset' && (
        <ResetCredentialDialog
          target={dialog.target}
          onClose={() => {
            setDialog(undefined);
            invalidate();
          }}
        />
      )}
      {archivedOpen && (
        <ArchivedCredentialsDialog
          onClose={() => setArchivedOpen(false)}
          onChanged={(message) => {
            setNotice(message);
            invalidate();
          }}
        />
      )}
      {dialog?.kind === 'editor' && <CredentialEditor id={dialog.id} onSaved={saved} onClose={() => setDialog(undefined)} />}
    </section>
  );
}
