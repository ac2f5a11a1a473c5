import type { OperationView } from '../../../shared/contract/operation-channels';
import { formatTime, TYPE_LABEL } from './operation-labels';
import { OperationRowActions, type OperationAction } from './operation-row-actions';
import { StateBadge } from './state-badge';

interface OperationsTableProps {
  readonly rows: readonly OperationView[];
  readonly busyCode: string | undefined;
  readonly onAction: (action: OperationAction, operation: OperationView) => void;
}

const HEADERS = ['Code', 'State', 'Operation', 'Credential', 'Username', 'Device', 'Vendor', 'Model', 'Requester', 'Scheduled', 'Started', 'Finished', 'Attempts', 'Message', 'Actions'];

/** One row per operation, newest first (main's order). */
export function OperationsTable({ rows, busyCode, onAction }: OperationsTableProps) {
  return (
    <div className="table-scroller">
      <table className="data-table" aria-label="Operations">
        <thead>
          <tr>
            {HEADERS.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((op) => (
            <tr key={op.id} data-state={op.state}>
              <th scope="row">{op.code}</th>
              <td>
                <StateBadge state={op.state} />
              </td>
              <td>{TYPE_LABEL[op.type]}</td>
              <td>{op.identifier}</td>
              <td>{op.username}</td>
              <td>
                {op.hostname} <span className="muted">({op.ip})</span>
              </td>
              <td>{op.vendor ?? '—'}</td>
              <td>{op.model ?? '—'}</td>
              <td>{op.requester}</td>
              <td>{formatTime(op.scheduledAt)}</td>
              <td>{formatTime(op.startedAt)}</td>
              <td>{formatTime(op.finishedAt)}</td>
              <td>
                {op.attemptsMade}/{op.maxAttempts}
              </td>
              <td className="cell-message" title={op.message ?? undefined}>
                {op.message ?? '—'}
              </td>
              <td>
                <OperationRowActions operation={op} busy={busyCode === op.code} onAction={onAction} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
