import { useState, type ReactNode } from 'react';
import type { OperationView } from '../../../shared/contract/operation-channels';
import { ColumnResizeHandle } from '../shared-ui/column-resize-handle';
import type { LayoutColumn, TableLayoutState } from '../shared-ui/use-table-layout';
import { formatTime, TYPE_LABEL } from './operation-labels';
import { OperationRowActions, type OperationAction } from './operation-row-actions';
import { StateBadge } from './state-badge';

interface OperationsTableProps {
  readonly rows: readonly OperationView[];
  readonly busyCode: string | undefined;
  readonly onAction: (action: OperationAction, operation: OperationView) => void;
  readonly layout: TableLayoutState;
}

type OperationColumnId = 'code' | 'state' | 'type' | 'credential' | 'times' | 'attempts' | 'message' | 'actions';

/**
 * The operations list's columns. Code, State, Message and Actions are always shown; with the
 * default set and sizes they fit a 1366 px window beside the navigation. Related fields share a
 * cell on two lines (vendor, model and start time are in Details), a long message is cut with its
 * full text on hover, on focus and in Details; the rest are in Columns, and widths are each user's.
 */
export const OPERATION_COLUMNS = [
  { id: 'code', label: 'Code', size: 100, required: true },
  { id: 'state', label: 'State', size: 110, required: true },
  { id: 'type', label: 'Operation', size: 130 },
  { id: 'credential', label: 'Credential and device', size: 200 },
  { id: 'times', label: 'Scheduled / finished', size: 150 },
  { id: 'attempts', label: 'Attempts', size: 80, hiddenByDefault: true },
  { id: 'message', label: 'Message', size: 220, required: true },
  { id: 'actions', label: 'Actions', size: 210, required: true },
] as const satisfies readonly (LayoutColumn & { id: OperationColumnId })[];

const CELL: Readonly<Record<OperationColumnId, (op: OperationView, busy: boolean, onAction: OperationsTableProps['onAction']) => ReactNode>> = {
  code: (op) => <th scope="row">{op.code}</th>,
  state: (op) => (
    <td className="cell-state">
      <StateBadge state={op.state} />
    </td>
  ),
  type: (op) => (
    <td className="cell-clip">
      <span className="cell-line">{TYPE_LABEL[op.type]}</span>
      <span className="cell-line muted">{`by ${op.requester}`}</span>
    </td>
  ),
  credential: (op) => (
    <td className="cell-clip" title={`${op.identifier} (${op.username}) on ${op.hostname} (${op.ip})`}>
      <span className="cell-line">
        {op.identifier} <span className="muted">({op.username})</span>
      </span>
      <span className="cell-line muted">
        {op.hostname} ({op.ip})
      </span>
    </td>
  ),
  times: (op) => (
    <td className="cell-clip">
      <span className="cell-line">{formatTime(op.scheduledAt)}</span>
      <span className="cell-line muted">{formatTime(op.finishedAt)}</span>
    </td>
  ),
  attempts: (op) => (
    <td>
      {op.attemptsMade}/{op.maxAttempts}
    </td>
  ),
  // Focusable so keyboard users can read the whole message: on focus it wraps in full.
  message: (op) => (
    <td className="cell-message" title={op.message ?? undefined} tabIndex={op.message ? 0 : undefined} aria-label={op.message ? `Message: ${op.message}` : undefined}>
      {op.message ?? '—'}
    </td>
  ),
  actions: (op, busy, onAction) => (
    <td className="cell-actions">
      <OperationRowActions operation={op} busy={busy} onAction={onAction} />
    </td>
  ),
};

/** One row per operation, newest first (main's order). */
export function OperationsTable({ rows, busyCode, onAction, layout }: OperationsTableProps) {
  const [preview, setPreview] = useState<{ readonly id: string; readonly width: number } | undefined>(undefined);
  const shown = OPERATION_COLUMNS.filter((column) => layout.visibility[column.id] !== false);
  const widthOf = (column: (typeof OPERATION_COLUMNS)[number]) => (preview?.id === column.id ? preview.width : (layout.sizing[column.id] ?? column.size));
  const total = shown.reduce((sum, column) => sum + widthOf(column), 0);
  return (
    <div className="table-scroller">
      <table className="data-table operations-table" aria-label="Operations" style={{ width: total }}>
        <colgroup>
          {shown.map((column) => (
            <col key={column.id} style={{ width: widthOf(column) }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {shown.map((column) => (
              <th key={column.id} scope="col" className="resizable-header">
                {column.label}
                <ColumnResizeHandle
                  label={column.label}
                  width={widthOf(column)}
                  onPreview={(width) => setPreview(width === undefined ? undefined : { id: column.id, width })}
                  onCommit={(width) => layout.setWidth(column.id, width)}
                />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((op) => (
            <tr key={op.id} data-state={op.state}>
              {shown.map((column) => (
                <CellOf key={column.id}>{CELL[column.id](op, busyCode === op.code, onAction)}</CellOf>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A keyed wrapper: each renderer returns its own <td>/<th>, so the row stays valid table markup. */
function CellOf({ children }: { readonly children: ReactNode }) {
  return <>{children}</>;
}
