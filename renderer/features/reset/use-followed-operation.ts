import { useEffect, useState } from 'react';
import type { OperationView } from '../../../shared/contract/operation-channels';
import { isFinal } from '../../../shared/domain/operation-rules';
import { api } from '../../api/api';

const POLL_MS = 1_500;
/**
 * Follows one operation to its end: 'operation.changed' for promptness, and a poll as a safety net
 * (an event can be missed while the socket reconnects). Stops polling once the state is final.
 */
export function useFollowedOperation(code: string | null): { readonly operation: OperationView | undefined; readonly error: string | undefined } {
  const [operation, setOperation] = useState<OperationView | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (code === null) return undefined;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      clearTimeout(timer);
      const result = await api().call('operation.get', { code });
      if (!current) return;
      if (result.ok) {
        setOperation(result.value);
        setError(undefined);
        if (isFinal(result.value.state)) return;
      } else setError(`${code} could not be loaded: ${result.error.message}`);
      timer = setTimeout(() => void load(), POLL_MS);
    };
    const off = api().on('operation.changed', (event) => {
      if (event.code === code) void load();
    });
    void load();
    return () => {
      current = false;
      off();
      clearTimeout(timer);
    };
  }, [code]);

  return { operation, error };
}
