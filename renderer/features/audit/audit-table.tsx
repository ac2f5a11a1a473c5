import type { AuditEntryView } from '../../../shared/contract/audit';
import { formatTime } from '../operations/operation-labels';
import { fullDetails, summarizeDetails } from './details-summary';

function objectOf(entry: AuditEntryView): string {
  if (entry.objectType === null) return '—';
  return entry.objectId === null ? entry.objectType : `${entry.objectType} ${entry.objectId}`;
}

/** One page of entries, newest first. */
export function AuditTable({ entries }: { readonly entries: readonly AuditEntryView[] }) {
  return (
    <div className="table-scroller">
      <table className="data-table audit-table" aria-label="Audit entries" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Time</th>
            <th scope="col">User</th>
            <th scope="col">Shell</th>
            <th scope="col">Action</th>
            <th scope="col">Object</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>{entry.id}</td>
              <td>
                <time dateTime={entry.at}>{formatTime(entry.at)}</time>
              </td>
              <td>{entry.actor}</td>
              <td>{entry.shell}</td>
              <th scope="row">{entry.action}</th>
              <td>{objectOf(entry)}</td>
              <td className="cell-message" title={fullDetails(entry.details)}>
                {summarizeDetails(entry.details)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
