import type { ReactNode } from 'react';
import type { BulkRequestDetail } from '../../../shared/domain/bulk';
import { Dialog } from '../shared-ui/dialog';
import { BulkRequestDetails } from './bulk-request-details';
import { useBulkRequest } from './use-bulk-request';

interface BulkRequestDialogProps {
  readonly code: string;
  readonly onClose: () => void;
  /** What the viewer may do with it (decide, cancel), given the request as it now stands. */
  readonly actions?: (request: BulkRequestDetail, reload: () => void) => ReactNode;
}

/** One bulk request, kept current by 'bulk.changed'. */
export function BulkRequestDialog({ code, onClose, actions }: BulkRequestDialogProps) {
  const { request, error, reload } = useBulkRequest(code);
  return (
    <Dialog title={`Bulk request ${code}`} onClose={onClose} wide footer={<button type="button" className="primary" onClick={onClose}>Done</button>}>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {!request && !error && <p className="muted">Loading…</p>}
      {request && (
        <>
          <BulkRequestDetails request={request} />
          {actions?.(request, reload)}
        </>
      )}
    </Dialog>
  );
}
