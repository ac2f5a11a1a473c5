import type { KeyboardEvent } from 'react';
import type { AuditListEntry } from '../../../shared/contract/audit';
import { formatTime } from '../operations/operation-labels';
import { AuditObjectLink } from './audit-object-link';
import { summarizeDetails } from './details-summary';

interface AuditTableProps {
  readonly entries: readonly AuditListEntry[];
  /** The entry shown in the details pane, if any. */
  readonly chosenId: number | undefined;
  readonly onChoose: (entry: AuditListEntry) => void;
  readonly onOpenCredential: (id: number, identifier: string) => void;
}

/** One page of entries, newest first; a row (click, or Enter on it) opens its details pane. */
export function AuditTable({ entries, chosenId, onChoose, onOpenCredential }: AuditTableProps) {
  const onKeyDown = (entry: AuditListEntry) => (event: KeyboardEvent) => {
    if (event.target !== event.currentTarget || (event.key !== 'Enter' && event.key !== ' ')) return;
    event.preventDefault();
    onChoose(entry);
  };
  return (
    <div className="table-scroller">
      <table className="data-table audit-table" aria-label="Audit entries" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Time</th>
            <th scope="col">User</th>
            <th scope="col">Action</th>
            <th scope="col">Object</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} className={entry.id === chosenId ? 'row-chosen' : 'row-choosable'} aria-selected={entry.id === chosenId} tabIndex={0} onClick={() => onChoose(entry)} onKeyDown={onKeyDown(entry)}>
              <td>{entry.id}</td>
              <td>
                <time dateTime={entry.at}>{formatTime(entry.at)}</time>
              </td>
              <td>{entry.actor}</td>
              <th scope="row">{entry.action}</th>
              <td>
                <AuditObjectLink entry={entry} onOpenCredential={onOpenCredential} />
              </td>
              <td className="cell-message">{summarizeDetails(entry.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
