import type { AuditListEntry } from '../../../shared/contract/audit';
import { formatTime } from '../operations/operation-labels';
import { AuditObjectLink } from './audit-object-link';
import { fullDetails } from './details-summary';

interface AuditDetailsPaneProps {
  readonly entry: AuditListEntry;
  readonly onOpenCredential: (id: number, identifier: string) => void;
  readonly onClose: () => void;
}

const SHELL_LABEL: Readonly<Record<string, string>> = { desktop: 'Desktop app', host: 'Browser (pamdesk serve)', cli: 'Command line', system: 'pamdesk itself' };

/** One entry in full, beside the table: who, what, on which object, signed by whom, and every detail. */
export function AuditDetailsPane({ entry, onOpenCredential, onClose }: AuditDetailsPaneProps) {
  return (
    <aside className="audit-details-pane" aria-labelledby="audit-details-title" data-testid="audit-details">
      <header className="pane-header">
        <h2 id="audit-details-title">Entry {entry.id}</h2>
        <button type="button" className="secondary" onClick={onClose} aria-label="Close the entry's details">
          Close
        </button>
      </header>
      <dl className="details-list">
        <dt>Time</dt>
        <dd>
          <time dateTime={entry.at}>{formatTime(entry.at)}</time>
        </dd>
        <dt>User</dt>
        <dd>{entry.actor}</dd>
        <dt>Where</dt>
        <dd>{SHELL_LABEL[entry.shell] ?? entry.shell}</dd>
        <dt>Action</dt>
        <dd>{entry.action}</dd>
        <dt>Object</dt>
        <dd>
          <AuditObjectLink entry={entry} onOpenCredential={onOpenCredential} />
          {entry.objectId !== null && entry.objectName !== null && <span className="muted">{` (id ${entry.objectId})`}</span>}
        </dd>
        <dt>Signed by</dt>
        <dd>{entry.signer ?? 'Not signed (written before entries were signed)'}</dd>
        <dt>Hash</dt>
        <dd className="mono wrap-anywhere">{entry.hash}</dd>
      </dl>
      <h3>Details</h3>
      <pre className="audit-details-json">{fullDetails(entry.details) || '(none)'}</pre>
    </aside>
  );
}
