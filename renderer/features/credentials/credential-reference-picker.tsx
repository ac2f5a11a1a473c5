import type { CredentialGridRow } from '../../../shared/domain/credential-grid-query';
import { FieldFrame } from '../shared-ui/field';
import { useCredentialSearch } from '../shared-ui/use-credential-search';

/** A short list to choose from; typing narrows it. */
const LIMIT = 20;
const NONE = '';
const CURRENT = 'current';

interface CredentialReferencePickerProps {
  readonly label: string;
  /** What is chosen now, as the operator reads it (an identifier), or '' for none. */
  readonly current: string;
  readonly onPick: (row: CredentialGridRow | null) => void;
  readonly error?: string | undefined;
  readonly hint?: string | undefined;
}

function describe(row: CredentialGridRow): string {
  return `${row.identifier} (${row.username}@${row.hostname}, ${row.ip})`;
}

/**
 * Picks another credential of the vault (authentication, reconciliation, parent) from a drop-down
 * that a search box narrows, so execution settings name credentials that exist, not typed text.
 */
export function CredentialReferencePicker({ label, current, onPick, error, hint }: CredentialReferencePickerProps) {
  const search = useCredentialSearch({}, LIMIT);
  const rows = search.page?.rows ?? [];
  const currentRow = rows.find((row) => row.identifier === current);
  return (
    <div className="credential-reference-picker">
      <input type="search" aria-label={`Search: ${label}`} placeholder="Search identifier, username, host, IP…" value={search.search} onChange={(e) => search.type(e.target.value)} />
      {search.error && (
        <p role="alert" className="form-error">
          {search.error}
        </p>
      )}
      <FieldFrame label={label} error={error} hint={hint}>
        {({ id, describedBy, invalid }) => (
          <select
            id={id}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            value={current === '' ? NONE : currentRow ? String(currentRow.id) : CURRENT}
            onChange={(e) => {
              if (e.target.value === NONE) onPick(null);
              const row = rows.find((r) => String(r.id) === e.target.value);
              if (row) onPick(row);
            }}
          >
            <option value={NONE}>(none)</option>
            {current !== '' && !currentRow && <option value={CURRENT}>{current}</option>}
            {rows.map((row) => (
              <option key={row.id} value={String(row.id)}>
                {describe(row)}
              </option>
            ))}
          </select>
        )}
      </FieldFrame>
      {search.page && rows.length === 0 && <p className="empty-note">{search.query.trim() ? `No credential matches "${search.query.trim()}".` : 'No credentials yet.'}</p>}
    </div>
  );
}
