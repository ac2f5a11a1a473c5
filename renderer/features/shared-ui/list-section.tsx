import type { ReactNode } from 'react';

interface ListSectionProps<T> {
  /** Id of the heading; the table is labelled by it. */
  readonly titleId: string;
  readonly title: string;
  /** The header's action (e.g. a "New ..." button), if the role may use it. */
  readonly action?: ReactNode;
  readonly error?: string | undefined;
  readonly notice?: string | undefined;
  /** undefined while loading. */
  readonly items: readonly T[] | undefined;
  readonly loadingText: string;
  /** What to do next when the list is empty. */
  readonly emptyText: string;
  readonly headers: readonly string[];
  readonly renderRow: (item: T) => ReactNode;
}

/**
 * A view's titled table with its loading, empty and error states: the shape the devices, policies
 * and templates views share.
 */
export function ListSection<T>({ titleId, title, action, error, notice, items, loadingText, emptyText, headers, renderRow }: ListSectionProps<T>) {
  return (
    <>
      <header className="view-header">
        <h1 id={titleId}>{title}</h1>
        {action}
      </header>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {notice && <p role="status">{notice}</p>}
      {items === undefined ? (
        <p className="muted">{loadingText}</p>
      ) : items.length === 0 ? (
        <p className="empty-note">{emptyText}</p>
      ) : (
        <div className="table-scroller">
          <table className="data-table" aria-labelledby={titleId}>
            <thead>
              <tr>
                {headers.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{items.map(renderRow)}</tbody>
          </table>
        </div>
      )}
    </>
  );
}
