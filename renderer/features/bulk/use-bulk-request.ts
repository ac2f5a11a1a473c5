import { useCallback, useEffect, useState } from 'react';
import type { BulkRequestDetail } from '../../../shared/domain/bulk';
import { api } from '../../api/api';
import { useBulk } from '../../stores/bulk-store';

/** Loads one request and reloads it whenever main reports a bulk change. */
export function useBulkRequest(code: string): { readonly request: BulkRequestDetail | undefined; readonly error: string | undefined; readonly reload: () => void } {
  const [request, setRequest] = useState<BulkRequestDetail | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [tick, setTick] = useState(0);
  const revision = useBulk((state) => state.revision);

  useEffect(() => {
    let current = true;
    void api()
      .call('bulk.get', { ref: code })
      .then((result) => {
        if (!current) return;
        if (result.ok) {
          setRequest(result.value);
          setError(undefined);
        } else setError(`${code} could not be loaded: ${result.error.message}`);
      });
    return () => {
      current = false;
    };
  }, [code, revision, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { request, error, reload };
}
