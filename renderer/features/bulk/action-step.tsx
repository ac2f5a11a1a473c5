import { BULK_ACTIONS, type BulkAction } from '../../../shared/domain/bulk';
import type { CredentialMatching } from '../../../shared/domain/credential-selection';
import { ACTION_HINT, ACTION_LABEL } from './bulk-labels';
import { eligibleStatus, type Selection } from './bulk-selection';
import { VirtualTable } from './virtual-table';

interface ActionStepProps {
  readonly action: BulkAction | undefined;
  readonly selection: Selection;
  /** All credentials matching the grid's query: counted, not listed (main resolves them). */
  readonly matching?: CredentialMatching | undefined;
  readonly onAction: (action: BulkAction) => void;
  readonly onAdd: () => void;
  readonly onRemove: (id: number) => void;
}

/** Step 1: which action, and on which credentials (the grid's selection, plus any added here). */
export function ActionStep({ action, selection, matching, onAction, onAdd, onRemove }: ActionStepProps) {
  const rows = [...selection.values()];
  const wrong = action === undefined ? 0 : rows.filter((r) => r.status !== eligibleStatus(action)).length;
  return (
    <div className="bulk-action-step">
      <fieldset className="choice-group bulk-actions">
        <legend>Action</legend>
        {BULK_ACTIONS.map((a) => (
          <label key={a} className="bulk-action-choice">
            <input type="radio" name="bulk-action" value={a} checked={action === a} onChange={() => onAction(a)} />
            <span>
              <strong>{ACTION_LABEL[a]}</strong>
              <span className="muted"> · {ACTION_HINT[a]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="bulk-selection-header">
        <h3 id="bulk-selected-title">
          Credentials <span className="muted">({(matching?.count ?? rows.length).toLocaleString()} selected)</span>
        </h3>
        {!matching && <button type="button" className="secondary" onClick={onAdd} disabled={action === undefined} title={action === undefined ? 'Choose an action first: it decides which credentials are eligible.' : undefined}>
          +Add
        </button>}
      </div>
      {wrong > 0 && action !== undefined && (
        <p className="form-notice-warning" role="status">
          {wrong.toLocaleString()} selected {wrong === 1 ? 'credential is' : 'credentials are'} not {eligibleStatus(action)}: the review will list {wrong === 1 ? 'it' : 'them'} as ineligible. Remove {wrong === 1 ? 'it' : 'them'} or choose another action.
        </p>
      )}
      {matching ? (
        <p className="empty-note" data-testid="matching-selection">
          All {matching.count.toLocaleString()} credentials that match the grid&apos;s search and filters. The review lists each one with what would change; any that are not eligible for the action are named there.
        </p>
      ) : rows.length === 0 ? (
        <p className="empty-note">No credentials selected yet. Choose an action, then +Add the credentials to include.</p>
      ) : (
        <VirtualTable
          label="Selected credentials"
          columns={[
            { header: 'Identifier', width: 'minmax(140px, 2fr)' },
            { header: 'Account', width: 'minmax(160px, 2fr)' },
            { header: 'Status', width: '90px' },
            { header: <span className="visually-hidden">Remove</span>, width: '90px' },
          ]}
          rowCount={rows.length}
          rowKey={(i) => rows[i]?.id ?? i}
          height={240}
          renderRow={(i) => {
            const row = rows[i];
            if (!row) return [];
            return [
              row.identifier,
              `${row.username}@${row.hostname}`,
              row.status,
              <button key="remove" type="button" className="link-button" aria-label={`Remove ${row.identifier}`} onClick={() => onRemove(row.id)}>
                Remove
              </button>,
            ];
          }}
        />
      )}
    </div>
  );
}
