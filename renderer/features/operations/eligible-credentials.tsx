import type { CredentialGridRow } from '../../../shared/domain/credential-grid-query';
import { CredentialSearchField } from '../shared-ui/credential-search-field';
import { useCredentialSearch } from '../shared-ui/use-credential-search';

/** Enough to pick from; a search narrows it further. */
const LIMIT = 200;
/** Seed 000: only active credentials with automatic change configured. */
const ELIGIBLE = { status: ['active' as const], automatic_change: true };

interface EligibleCredentialsProps {
  readonly selected: ReadonlyMap<number, CredentialGridRow>;
  readonly onChange: (selected: ReadonlyMap<number, CredentialGridRow>) => void;
}

/** Seed 000: "This report will only show active credentials with automated change configured." */
export function EligibleCredentials({ selected, onChange }: EligibleCredentialsProps) {
  const searchState = useCredentialSearch(ELIGIBLE, LIMIT);
  const { query, page } = searchState;

  const rows = page?.rows ?? [];
  const allChecked = rows.length > 0 && rows.every((r) => selected.has(r.id));
  function toggle(row: CredentialGridRow, on: boolean) {
    const next = new Map(selected);
    if (on) next.set(row.id, row);
    else next.delete(row.id);
    onChange(next);
  }
  function toggleAll(on: boolean) {
    const next = new Map(selected);
    for (const row of rows) {
      if (on) next.set(row.id, row);
      else next.delete(row.id);
    }
    onChange(next);
  }

  return (
    <div className="eligible-credentials">
      <CredentialSearchField state={searchState} />
      {page?.rows.length === 0 && (
        <p className="empty-note">
          {query.trim()
            ? `No eligible credential matches "${query.trim()}".`
            : 'No active credential has automatic change configured. Edit a credential: on Execution settings, tick Automatic change and choose the change plugin and template.'}
        </p>
      )}
      {rows.length > 0 && (
        <div className="table-scroller pick-list">
          <table className="data-table" aria-label="Eligible credentials">
            <thead>
              <tr>
                <th scope="col">
                  <input type="checkbox" aria-label="Select all shown credentials" checked={allChecked} onChange={(e) => toggleAll(e.target.checked)} />
                </th>
                {['Identifier', 'Username', 'Device', 'Last changed'].map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <input type="checkbox" aria-label={`Select ${row.identifier}`} checked={selected.has(row.id)} onChange={(e) => toggle(row, e.target.checked)} />
                  </td>
                  <th scope="row">{row.identifier}</th>
                  <td>{row.username}</td>
                  <td>
                    {row.hostname} <span className="muted">({row.ip})</span>
                  </td>
                  <td>{row.last_changed_at ? new Date(row.last_changed_at).toLocaleString() : 'Never'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && page.total > rows.length && <p className="muted">Showing {rows.length} of {page.total}: search to find the others.</p>}
    </div>
  );
}
