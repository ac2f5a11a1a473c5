import { useState } from 'react';
import type { BulkAction } from '../../../shared/domain/bulk';
import type { CredentialGridRow } from '../../../shared/domain/credential-grid-query';
import { MAX_GRID_PAGE } from '../../../shared/domain/credential-grid-query';
import { api } from '../../api/api';
import { Dialog } from '../shared-ui/dialog';
import { CredentialSearchField } from '../shared-ui/credential-search-field';
import { useCredentialSearch } from '../shared-ui/use-credential-search';
import { ACTION_LABEL } from './bulk-labels';
import { eligibleStatus, toSelected, type SelectedCredential, type Selection } from './bulk-selection';
import { VirtualTable } from './virtual-table';

interface AddCredentialsDialogProps {
  readonly action: BulkAction;
  readonly selection: Selection;
  readonly onAdd: (added: readonly SelectedCredential[]) => void;
  readonly onClose: () => void;
}

/**
 * Seed 001's "+Add" modal: the credentials eligible for the action (active ones, or inactive ones
 * for Enable), searchable, in a virtual list. Those already selected are shown checked and fixed.
 */
export function AddCredentialsDialog({ action, selection, onAdd, onClose }: AddCredentialsDialogProps) {
  const status = eligibleStatus(action);
  const searchState = useCredentialSearch({ status: [status] }, MAX_GRID_PAGE);
  const { query, page } = searchState;
  const [error, setError] = useState<string | undefined>(undefined);
  const [picked, setPicked] = useState<ReadonlyMap<number, CredentialGridRow>>(new Map());
  const [collecting, setCollecting] = useState<string | undefined>(undefined);

  // Every match, page by page (the query answers at most 500 rows at a time): how a selection of
  // thousands is built without scrolling through them.
  async function addAllMatching() {
    const trimmed = query.trim();
    const all: SelectedCredential[] = [];
    for (let offset = 0; ; offset += MAX_GRID_PAGE) {
      setCollecting(`Collecting ${all.length.toLocaleString()} of ${(page?.total ?? 0).toLocaleString()}…`);
      const result = await api().call('credential.query', { ...(trimmed ? { search: trimmed } : {}), filters: { status: [status] }, sort: { column: 'identifier', direction: 'asc' }, offset, limit: MAX_GRID_PAGE });
      if (!result.ok) {
        setCollecting(undefined);
        return setError(`The credentials could not be loaded: ${result.error.message}`);
      }
      all.push(...result.value.rows.map(toSelected));
      if (result.value.rows.length < MAX_GRID_PAGE || all.length >= result.value.total) break;
    }
    setCollecting(undefined);
    onAdd(all.filter((c) => !selection.has(c.id)));
  }

  const rows = (page?.rows ?? []).filter((r) => !selection.has(r.id));
  const allPicked = rows.length > 0 && rows.every((r) => picked.has(r.id));
  const toggle = (row: CredentialGridRow, on: boolean) => {
    const next = new Map(picked);
    if (on) next.set(row.id, row);
    else next.delete(row.id);
    setPicked(next);
  };
  const toggleAll = (on: boolean) => setPicked(on ? new Map([...picked, ...rows.map((r) => [r.id, r] as const)]) : new Map());

  const footer = (
    <>
      <button type="button" className="secondary" onClick={onClose}>
        Cancel
      </button>
      <button type="button" className="primary" disabled={picked.size === 0} onClick={() => onAdd([...picked.values()].map(toSelected))}>
        Add{picked.size > 0 ? ` ${picked.size}` : ''}
      </button>
    </>
  );

  return (
    <Dialog title={`Add ${status} credentials`} onClose={onClose} footer={footer} wide>
      <p className="muted">
        {ACTION_LABEL[action]} applies to {status} credentials only. Credentials already in the selection are not listed.
      </p>
      <CredentialSearchField state={searchState} className="bulk-search" />
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {page !== undefined && rows.length === 0 && (
        <p className="empty-note">{query.trim() ? `No other ${status} credential matches "${query.trim()}".` : `No other ${status} credential to add.`}</p>
      )}
      {rows.length > 0 && (
        <VirtualTable
          label="Eligible credentials"
          columns={[
            { header: <input type="checkbox" aria-label="Select all shown credentials" checked={allPicked} onChange={(e) => toggleAll(e.target.checked)} />, width: '40px' },
            { header: 'Identifier', width: 'minmax(140px, 2fr)' },
            { header: 'Account', width: 'minmax(160px, 2fr)' },
            { header: 'Type', width: 'minmax(100px, 1fr)' },
          ]}
          rowCount={rows.length}
          rowKey={(i) => rows[i]?.id ?? i}
          renderRow={(i) => {
            const row = rows[i];
            if (!row) return [];
            return [
              <input key="pick" type="checkbox" aria-label={`Select ${row.identifier}`} checked={picked.has(row.id)} onChange={(e) => toggle(row, e.target.checked)} />,
              row.identifier,
              `${row.username}@${row.hostname}`,
              row.credential_type,
            ];
          }}
        />
      )}
      {page && page.total > page.rows.length && (
        <p className="muted">
          Showing the first {page.rows.length.toLocaleString()} of {page.total.toLocaleString()}: search to narrow them, or{' '}
          <button type="button" className="link-button" disabled={collecting !== undefined} onClick={() => void addAllMatching()}>
            add all {page.total.toLocaleString()} matching
          </button>
          .
        </p>
      )}
      {collecting && (
        <p role="status" className="bulk-busy">
          <progress aria-label={collecting} /> {collecting}
        </p>
      )}
    </Dialog>
  );
}
