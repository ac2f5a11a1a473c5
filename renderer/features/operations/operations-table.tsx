import type { OperationView } from '../../../shared/contract/operation-channels';
import { formatTime, TYPE_LABEL } from './operation-labels';
import { OperationRowActions, type OperationAction } from './operation-row-actions';
import { StateBadge } from './state-badge';

interface OperationsTableProps {
  readonly rows: readonly OperationView[];
  readonly busyCode: string | undefined;
  readonly onAction: (action: OperationAction, operation: OperationView) => void;
}

const HEADERS = ['Code', 'State', 'Operation', 'Credential and device', 'Scheduled / finished', 'Attempts', 'Message', 'Actions'];

/**
 * One row per operation, newest first (main's order). Sized so that state, message and actions fit
 * a 1366 px wide window without scrolling: related fields share a cell on two lines (vendor, model
 * and start time are in Details), and a long message is cut with its full text on hover, on focus
 * and in Details.
 */
export function OperationsTable({ rows, busyCode, onAction }: OperationsTableProps) {
  return (
    <div className="table-scroller">
      <table className="data-table operations-table" aria-label="Operations">
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
              <td className="cell-state">
                <StateBadge state={op.state} />
              </td>
              <td>
                <span className="cell-line">{TYPE_LABEL[op.type]}</span>
                <span className="cell-line muted">{`by ${op.requester}`}</span>
              </td>
              <td className="cell-two-lines" title={`${op.identifier} (${op.username}) on ${op.hostname} (${op.ip})`}>
                <span className="cell-line">
                  {op.identifier} <span className="muted">({op.username})</span>
                </span>
                <span className="cell-line muted">
                  {op.hostname} ({op.ip})
                </span>
              </td>
              <td>
                <span className="cell-line">{formatTime(op.scheduledAt)}</span>
                <span className="cell-line muted">{formatTime(op.finishedAt)}</span>
              </td>
              <td>
                {op.attemptsMade}/{op.maxAttempts}
              </td>
              {/* Focusable so keyboard users can read the whole message: on focus it wraps in full. */}
              <td className="cell-message" title={op.message ?? undefined} tabIndex={op.message ? 0 : undefined} aria-label={op.message ? `Message: ${op.message}` : undefined}>
                {op.message ?? '—'}
              </td>
              <td className="cell-actions">
                <OperationRowActions operation={op} busy={busyCode === op.code} onAction={onAction} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
