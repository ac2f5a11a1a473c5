import { useEffect, useState } from 'react';
import type { ArchivableKind } from '../../../shared/domain/archive';
import { api } from '../../api/api';
import { RecordActions } from './record-actions';

/** What an archived row needs to be listed and restored: templates and policies both have these. */
interface ArchivedRow {
  readonly id: number;
  readonly name: string;
  readonly archived_at?: string | null | undefined;
  readonly builtin?: boolean;
}

type ListedKind = Extract<ArchivableKind, 'template' | 'policy'>;

interface ArchivedRecordsSectionProps {
  readonly kind: ListedKind;
  /** Plural heading words, e.g. "templates". */
  readonly plural: string;
  /** Bumped by the view after an archive, restore or delete, so this list follows. */
  readonly refresh: number;
  readonly onDone: (message: string) => void;
  readonly onError: (message: string) => void;
}

/** `${kind}.list` with archived: 'archived'; the two kinds answer different views but share the fields listed. */
async function loadArchived(kind: ListedKind) {
  return kind === 'template' ? api().call('template.list', { archived: 'archived' }) : api().call('policy.list', { archived: 'archived' });
}

/** The archived templates or policies, to find and restore them (or, for administrators, delete them). */
export function ArchivedRecordsSection({ kind, plural, refresh, onDone, onError }: ArchivedRecordsSectionProps) {
  const [rows, setRows] = useState<readonly ArchivedRow[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const titleId = `archived-${kind}-title`;

  useEffect(() => {
    let current = true;
    void loadArchived(kind).then((result) => {
      if (!current) return;
      if (result.ok) {
        setRows(result.value);
        setError(undefined);
      } else setError(`The archived ${plural} could not be loaded: ${result.error.message}`);
    });
    return () => {
      current = false;
    };
  }, [kind, plural, refresh]);

  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId}>Archived {plural}</h2>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {rows === undefined && !error && <p className="muted">Loading archived {plural}…</p>}
      {rows?.length === 0 && <p className="muted">No archived {plural}. Archive one to hide it from lists and pickers while keeping its history.</p>}
      {rows && rows.length > 0 && (
        <table aria-labelledby={titleId}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Archived</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.name}</th>
                <td>{r.archived_at ? new Date(r.archived_at).toLocaleString() : ''}</td>
                <td>
                  <RecordActions kind={kind} id={r.id} name={r.name} archived deletable={r.builtin !== true} onDone={onDone} onError={onError} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
