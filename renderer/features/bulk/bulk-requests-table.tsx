import type { BulkRequestView } from '../../../shared/domain/bulk';
import { formatTime } from '../operations/operation-labels';
import { ACTION_LABEL } from './bulk-labels';
import { BulkStateBadge } from './bulk-state-badge';

interface BulkRequestsTableProps {
  readonly label: string;
  readonly rows: readonly BulkRequestView[];
  readonly onOpen: (row: BulkRequestView) => void;
  /** Adds the approvals/rejections and state columns (the report); the approvals queue omits them. */
  readonly report?: boolean;
}

/** Bulk requests, newest first as main lists them; one page, so a plain table. */
export function BulkRequestsTable({ label, rows, onOpen, report = false }: BulkRequestsTableProps) {
  return (
    <div className="table-scroller">
      <table className="data-table" aria-label={label}>
        <thead>
          <tr>
            {['Request', 'Action', 'Credentials', 'Requested by', 'Requested at', 'Expires', ...(report ? ['Approvals', 'Rejections', 'Justifications', 'State'] : [])].map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">
                <button type="button" className="link-button" onClick={() => onOpen(row)} aria-label={`Open ${row.code}`}>
                  {row.code}
                </button>
              </th>
              <td>{ACTION_LABEL[row.action]}</td>
              <td>{row.credentialCount.toLocaleString()}</td>
              <td>{row.requestedBy}</td>
              <td>{formatTime(row.requestedAt)}</td>
              <td>{formatTime(row.expiresAt)}</td>
              {report && (
                <>
                  <td>{row.approvals}</td>
                  <td>{row.rejections}</td>
                  <td className="cell-message" title={row.decisions.map((d) => `${d.approver}: ${d.justification}`).join('\n')}>
                    {row.decisions.length === 0 ? '—' : row.decisions.map((d) => `${d.approver}: ${d.justification}`).join('; ')}
                  </td>
                  <td>
                    <BulkStateBadge state={row.state} />
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
