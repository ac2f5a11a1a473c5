import { useEffect, useState } from 'react';
import type { CredentialGridQuery, CredentialGridRow } from '../../../shared/domain/credential-grid-query';
import { api } from '../../api/api';
import { useLeadingDebounce } from './use-debounced-callback';

export interface CredentialSearch {
  /** What the field shows (updates on every key). */
  readonly search: string;
  /** What was last queried (debounced). */
  readonly query: string;
  readonly page: { readonly total: number; readonly rows: readonly CredentialGridRow[] } | undefined;
  readonly error: string | undefined;
  type(text: string): void;
}

/**
 * A searchable list of credentials matching fixed filters, queried in main as the user types, with
 * answers to an older query dropped. The pickers (bulk "+Add", request password change) share it.
 */
export function useCredentialSearch(filters: NonNullable<CredentialGridQuery['filters']>, limit: number): CredentialSearch {
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [page, setPage] = useState<CredentialSearch['page']>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const send = useLeadingDebounce(setQuery, 150);
  const filterKey = JSON.stringify(filters);

  useEffect(() => {
    let current = true;
    const trimmed = query.trim();
    void api()
      .call('credential.query', { ...(trimmed ? { search: trimmed } : {}), filters: JSON.parse(filterKey) as typeof filters, sort: { column: 'identifier', direction: 'asc' }, limit })
      .then((result) => {
        if (!current) return;
        if (result.ok) {
          setPage(result.value);
          setError(undefined);
        } else setError(`The credentials could not be loaded: ${result.error.message}`);
      });
    return () => {
      current = false;
    };
  }, [query, filterKey, limit]);

  return {
    search,
    query,
    page,
    error,
    type(text) {
      setSearch(text);
      send(text);
    },
  };
}
