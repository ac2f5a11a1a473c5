import { useEffect, useState } from 'react';
import type { BulkState } from '../../../shared/domain/bulk';
import { loadBulkPage, useBulk, type BulkPage } from '../../stores/bulk-store';

/** One page of requests in the given states, reloaded on every bulk change. */
export function useBulkPage(states: readonly BulkState[], page: number): { readonly shown: BulkPage | undefined; readonly error: string | undefined } {
  const [shown, setShown] = useState<BulkPage | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const revision = useBulk((state) => state.revision);
  const key = states.join('|');

  useEffect(() => {
    let current = true;
    void loadBulkPage(key === '' ? undefined : (key.split('|') as BulkState[]), page).then((result) => {
      if (!current) return;
      if (result.ok) {
        setShown(result.page);
        setError(undefined);
      } else setError(result.message);
    });
    return () => {
      current = false;
    };
  }, [key, page, revision]);

  return { shown, error };
}
