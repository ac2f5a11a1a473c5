import type { BulkState, BulkTaskStatus } from '../../../shared/domain/bulk';
import { bulkStateTone, TASK_STATUS_LABEL } from './bulk-labels';

export function BulkStateBadge({ state }: { readonly state: BulkState }) {
  return <span className={`state-badge state-${bulkStateTone(state)}`}>{state}</span>;
}

export function TaskStatusBadge({ status }: { readonly status: BulkTaskStatus }) {
  return <span className={`state-badge state-${bulkStateTone(status)}`}>{TASK_STATUS_LABEL[status]}</span>;
}
