import { useEffect, useId, useState } from 'react';
import type { CredentialGridRow } from '../../../shared/domain/credential-grid-query';
import { api } from '../../api/api';
import { useLeadingDebounce } from '../shared-ui/use-debounced-callback';

/** A short list to choose from; the search narrows it. */
const LIMIT = 20;

interface CredentialPickerProps {
  readonly label: string;
  readonly selected: CredentialGridRow | undefined;
  readonly onSelect: (row: CredentialGridRow) => void;
}

/** Search credentials ('credential.query') and pick one with a radio button. */
export function CredentialPicker({ label, selected, onSelect }: CredentialPickerProps) {
  const base = useId();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<readonly CredentialGridRow[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const send = useLeadingDebounce(setQuery, 150);

  useEffect(() => {
    let current = true;
    void api()
      .call('credential.query', { search: query.trim() || undefined, sort: { column: 'identifier', direction: 'asc' }, limit: LIMIT })
      .then((result) => {
        if (!current) return;
        if (result.ok) {
          setRows(result.value.rows);
          setError(undefined);
        } else setError(`The credentials could not be searched: ${result.error.message}`);
      });
    return () => {
      current = false;
    };
  }, [query]);

  return (
    <fieldset className="form-section credential-picker">
      <legend>{label}</legend>
      <input
        type="search"
        aria-label={`Search: ${label}`}
        placeholder="Search identifier, username, host, IP…"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          send(e.target.value);
        }}
      />
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {rows?.length === 0 && <p className="empty-note">{query.trim() ? `No credential matches "${query.trim()}".` : 'No credentials yet: add one under Credentials first.'}</p>}
      <div className="picker-options">
        {rows?.map((row) => (
          <div key={row.id} className="form-row-inline">
            <input id={`${base}-${row.id}`} type="radio" name={base} checked={selected?.id === row.id} onChange={() => onSelect(row)} />
            <label htmlFor={`${base}-${row.id}`}>
              {row.identifier} <span className="muted">({row.username}@{row.hostname})</span>
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
