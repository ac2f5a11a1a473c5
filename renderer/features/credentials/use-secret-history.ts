import { useCallback, useEffect, useState } from 'react';
import type { ResetResult } from '../../../shared/contract/reset-channels';
import type { SecretHistoryEntryView } from '../../../shared/domain/secret-history';
import { api } from '../../api/api';
import { useCan } from '../../stores/session-store';
import { useOperationEvents } from '../operations/use-operation-events';

export type RestoreOutcome = { readonly ok: true; readonly result: ResetResult } | { readonly ok: false; readonly message: string; readonly needsInSyncConfirmation: boolean };

/** A credential's password history (metadata only) and the two actions on an entry, for the details dialog. */
export function useSecretHistory(credentialId: number) {
  const canRead = useCan('vault.read');
  const [entries, setEntries] = useState<readonly SecretHistoryEntryView[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  const load = useCallback(async () => {
    if (!canRead) return;
    const result = await api().call('credential.history', { id: credentialId });
    if (result.ok) {
      setEntries(result.value);
      setError(undefined);
    } else {
      setError(`The password history could not be loaded: ${result.error.message}`);
    }
  }, [canRead, credentialId]);

  useEffect(() => {
    void load();
  }, [load]);
  // A change or reset the runner finishes replaces the secret: the open dialog shows it at once.
  useOperationEvents(() => void load());

  /** The old secret, or the words saying why not (audited by main as a view of that entry). */
  const reveal = useCallback(async (entryId: number): Promise<{ readonly secret: string } | { readonly message: string }> => {
    const result = await api().call('credential.revealHistory', { entryId });
    return result.ok ? { secret: result.value.secret } : { message: `The previous secret could not be revealed: ${result.error.message}` };
  }, []);

  const restore = useCallback(
    async (entryId: number, acceptInSyncLoss: boolean): Promise<RestoreOutcome> => {
      const result = await api().call('credential.restoreHistory', { entryId, acceptInSyncLoss });
      if (result.ok) {
        await load();
        return { ok: true, result: result.value };
      }
      return { ok: false, message: `The previous secret was not restored: ${result.error.message}`, needsInSyncConfirmation: result.error.details?.['needsInSyncConfirmation'] === true };
    },
    [load],
  );

  return { entries, error, reload: load, reveal, restore };
}
