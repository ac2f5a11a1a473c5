import type { AuditListEntry } from '../../../shared/contract/audit';
import { useNavigation } from '../../stores/navigation-store';
import { EMPTY_OPERATION_FILTER, useOperations } from '../../stores/operations-store';

/** What an entry is about, in the words people use: "credential web-root", "user olga". */
export function objectText(entry: AuditListEntry): string {
  if (entry.objectType === null) return '—';
  const name = entry.objectName ?? entry.objectId;
  return name === null ? entry.objectType : `${entry.objectType} ${name}`;
}

interface AuditObjectLinkProps {
  readonly entry: AuditListEntry;
  /** Opens a credential's details where the audit is (an auditor reads them without leaving it). */
  readonly onOpenCredential: (id: number, identifier: string) => void;
}

/**
 * The entry's object as a link to it where pamdesk has a place for it: a credential opens its
 * details, an operation the operations list filtered to its code, a device the devices view. A
 * deleted object (no name resolved) stays plain text with its id.
 */
export function AuditObjectLink({ entry, onOpenCredential }: AuditObjectLinkProps) {
  const text = objectText(entry);
  const { objectType, objectId, objectName } = entry;
  const link = (label: string, run: () => void) => (
    <button
      type="button"
      className="link-button"
      aria-label={label}
      onClick={(event) => {
        event.stopPropagation();
        run();
      }}
    >
      {text}
    </button>
  );
  if (objectType === 'credential' && objectId !== null && objectName !== null) {
    return link(`Open credential ${objectName}`, () => onOpenCredential(Number(objectId), objectName));
  }
  if (objectType === 'operation' && objectId !== null) {
    return link(`Show operation ${objectId}`, () => {
      useOperations.getState().setFilter({ ...EMPTY_OPERATION_FILTER, code: objectId });
      useNavigation.getState().go('operations');
    });
  }
  if (objectType === 'device' && objectName !== null) return link(`Show device ${objectName} in Devices`, () => useNavigation.getState().go('devices'));
  return <span title={objectId !== null && objectName !== null ? `id ${objectId}` : undefined}>{text}</span>;
}
