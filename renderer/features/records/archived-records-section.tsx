import { useEffect, useState, type ReactNode } from 'react';
import type { ArchivableKind } from '../../../shared/domain/archive';
import type { Result } from '../../../shared/result';
import { RecordActions } from './record-actions';

/** What every archived row has: its id, the name people know it by, and when it was archived. */
interface ArchivedRow {
  readonly id: number;
  readonly archived_at?: string | null | undefined;
}

/** One column between the row's name and its Archived and Actions columns. */
export interface ArchivedColumn<Row> {
  readonly header: string;
  readonly cell: (row: Row) => ReactNode;
}

interface ArchivedRecordsSectionProps<Row extends ArchivedRow> {
  readonly kind: Exclude<ArchivableKind, 'credential'>;
  /** Plural heading words, e.g. "templates". */
  readonly plural: string;
  /** The list of archived rows (`${kind}.list` with archived: 'archived'). */
  readonly load: () => Promise<Result<readonly Row[]>>;
  /** The first column's header ("Name", "Hostname") and how a row is named there and in confirmations. */
  readonly nameHeader: string;
  readonly nameOf: (row: Row) => string;
  readonly columns?: readonly ArchivedColumn<Row>[];
  /** False where Delete is never offered (a built-in template). */
  readonly deletable?: (row: Row) => boolean;
  /** Bumped by the view after an archive, restore or delete, so this list follows. */
  readonly refresh: number;
  readonly onDone: (message: string) => void;
  readonly onError: (message: string) => void;
}

/** Archived devices, templates or policies, to find and restore them (or, for administrators, delete them). */
export function ArchivedRecordsSection<Row extends ArchivedRow>({ kind, plural, load, nameHeader, nameOf, columns = [], deletable, refresh, onDone, onError }: ArchivedRecordsSectionProps<Row>) {
  const [rows, setRows] = useState<readonly Row[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const titleId = `archived-${kind}-title`;

  useEffect(() => {
    let current = true;
    void load().then((result) => {
      if (!current) return;
      if (result.ok) {
        setRows(result.value);
        setError(undefined);
      } else setError(`The archived ${plural} could not be loaded: ${result.error.message}`);
    });
    return () => {
      current = false;
    };
    // `load` is a new function on every render of the view: the list follows `refresh` instead.
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
              <th scope="col">{nameHeader}</th>
              {columns.map((column) => (
                <th key={column.header} scope="col">
                  {column.header}
                </th>
              ))}
              <th scope="col">Archived</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{nameOf(r)}</th>
                {columns.map((column) => (
                  <td key={column.header}>{column.cell(r)}</td>
                ))}
                <td>{r.archived_at ? new Date(r.archived_at).toLocaleString() : ''}</td>
                <td>
                  <RecordActions kind={kind} id={r.id} name={nameOf(r)} archived deletable={deletable?.(r) ?? true} onDone={onDone} onError={onError} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
