import { useState } from 'react';
import type { BulkRequestDetail } from '../../../shared/domain/bulk';
import { api } from '../../api/api';

/** The requester may withdraw a request while nobody has decided it. */
export function CancelRequest({ request, onDone }: { readonly request: BulkRequestDetail; readonly onDone: () => void }) {
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  async function cancel() {
    setBusy(true);
    const result = await api().call('bulk.cancel', { ref: request.code });
    setBusy(false);
    if (result.ok) onDone();
    else setError(result.error.message);
  }
  return (
    <div className="button-row">
      <button type="button" className="danger" disabled={busy} onClick={() => void cancel()}>
        Cancel request
      </button>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </div>
  );
}
