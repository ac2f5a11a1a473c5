import { getCoreRowModel, useReactTable, type ColumnSizingState, type SortingState, type Updater, type VisibilityState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import type { CredentialGridRow } from '../../../shared/domain/credential-grid-query';
import { loadedRows, rowAt, useCredentials } from '../../stores/credentials-store';
import { CELL_TEXT, gridColumn, TABLE_COLUMNS, type GridColumnId } from './grid-columns';
import { idsInRange, toggled } from './grid-selection';
import type { CredentialRequest } from '../operations/request-operation';
import { GridRowActions } from './grid-row-actions';
import { ColumnResizeHandle } from '../shared-ui/column-resize-handle';

const ROW_HEIGHT = 32;
/** Wide enough for every row action of an administrator; the column stays pinned at the right edge. */
const ACTIONS_WIDTH = 340;
const NO_ROWS: CredentialGridRow[] = [];

interface CredentialsGridProps {
  readonly columnVisibility: VisibilityState;
  /** Widths the user dragged to (their preference); others have their default size. */
  readonly columnSizing: ColumnSizingState;
  readonly onColumnWidth: (columnId: string, width: number) => void;
  readonly canReveal: boolean;
  readonly onOpen: (row: CredentialGridRow, reveal?: boolean) => void;
  readonly onCopy: (row: CredentialGridRow) => void;
  /** Opens PassMan's Reset credential; absent for roles that cannot write credentials. */
  readonly onReset?: ((row: CredentialGridRow) => void) | undefined;
  /** Verify / Reconcile the row's credential; absent for roles that cannot request operations. */
  readonly onRequest?: ((row: CredentialGridRow, kind: CredentialRequest) => void) | undefined;
  /** What to show in the body when the query has no rows. */
  readonly emptyMessage: ReactNode;
  /** Told which row is active (or none), for keyboard shortcuts that act on it from outside the grid. */
  readonly onActiveRow?: ((row: CredentialGridRow | undefined) => void) | undefined;
}

/**
 * The credentials grid: a single tab stop (role="grid") over `total` rows, of which only the
 * visible window is in the DOM and only the pages around it are in memory. The active row is
 * tracked with aria-activedescendant; row -1 is the header row, where Left/Right pick a column and
 * Enter sorts by it.
 */
export function CredentialsGrid({ columnVisibility, columnSizing, onColumnWidth, canReveal, onOpen, onCopy, onReset, onRequest, emptyMessage, onActiveRow }: CredentialsGridProps) {
  const gridId = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const { shown, generation, sort, search, filters, selected, matching, allLoadedSelected, ensureRange, setSort, setSelected, selectLoaded } = useCredentials();
  const total = shown.total ?? 0;
  const [active, setActive] = useState(0);
  const [activeColumn, setActiveColumn] = useState(0);
  const [anchor, setAnchor] = useState<number | undefined>(undefined);
  /** A column being dragged to a new width: drawn at once, saved when the drag ends. */
  const [preview, setPreview] = useState<{ readonly id: string; readonly width: number } | undefined>(undefined);

  const sorting: SortingState = sort ? [{ id: sort.column, desc: sort.direction === 'desc' }] : [];
  const table = useReactTable({
    data: NO_ROWS,
    columns: TABLE_COLUMNS,
    state: { sorting, columnVisibility, columnSizing: preview ? { ...columnSizing, [preview.id]: preview.width } : columnSizing },
    manualSorting: true,
    sortDescFirst: false,
    enableMultiSort: false,
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      const column = first ? gridColumn(first.id)?.sort : undefined;
      setSort(first && column ? { column, direction: first.desc ? 'desc' : 'asc' } : undefined);
    },
    getCoreRowModel: getCoreRowModel(),
  });
  const columns = table.getVisibleLeafColumns();
  const template = `${columns.map((c) => `${c.getSize()}px`).join(' ')} ${ACTIONS_WIDTH}px`;
  const width = columns.reduce((sum, c) => sum + c.getSize(), ACTIONS_WIDTH);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // The sticky header covers the first row's height: keep scrolled-to rows out from under it.
    scrollPaddingStart: ROW_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const firstVisible = items[0]?.index ?? 0;
  const lastVisible = items[items.length - 1]?.index ?? 0;

  // A new search, sort or filter is a new list: start again at its top.
  const queryKey = JSON.stringify([search, sort, filters]);
  const rangeQueryKey = useRef(queryKey);
  useEffect(() => {
    // The render that brings a new query still has the old scroll position (the scroll to the top
    // below comes after it): asking for those rows of the new list would be a deep page, seconds of
    // main's time at 1,000,000 credentials, for rows nobody will see.
    const newList = rangeQueryKey.current !== queryKey;
    rangeQueryKey.current = queryKey;
    if (newList) ensureRange(0, lastVisible - firstVisible);
    else ensureRange(firstVisible, lastVisible);
  }, [firstVisible, lastVisible, generation, ensureRange, queryKey]);

  const activeRow = active < 0 ? undefined : rowAt(shown, active);
  useEffect(() => onActiveRow?.(activeRow), [activeRow, onActiveRow]);

  useEffect(() => {
    setActive(0);
    setAnchor(undefined);
    scroller.current?.scrollTo({ top: 0 });
  }, [queryKey]);

  function moveTo(index: number, extend: boolean) {
    const clamped = Math.max(-1, Math.min(index, total - 1));
    setActive(clamped);
    if (clamped < 0) return;
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
    if (extend) setSelected(idsInRange(loadedRows(shown), anchor ?? active, clamped));
    else setAnchor(clamped);
  }

  function sortByHeader(index: number) {
    const column = columns[index];
    if (column?.getCanSort()) column.toggleSorting(column.getIsSorted() === 'asc');
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.target !== event.currentTarget) return;
    const pageRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 2);
    const row = rowAt(shown, active);
    const key = event.key;
    const handled = () => event.preventDefault();
    if (key === 'ArrowDown') moveTo(active + 1, event.shiftKey);
    else if (key === 'ArrowUp') moveTo(active - 1, event.shiftKey);
    else if (key === 'PageDown') moveTo(active < 0 ? 0 : active + pageRows, event.shiftKey);
    else if (key === 'PageUp') moveTo(Math.max(0, active - pageRows), event.shiftKey);
    else if (key === 'Home' && active < 0) setActiveColumn(0);
    else if (key === 'End' && active < 0) setActiveColumn(columns.length - 1);
    else if (key === 'Home') moveTo(0, event.shiftKey);
    else if (key === 'End') moveTo(total - 1, event.shiftKey);
    else if (key === 'ArrowLeft' && active < 0) setActiveColumn((c) => Math.max(0, c - 1));
    else if (key === 'ArrowRight' && active < 0) setActiveColumn((c) => Math.min(columns.length - 1, c + 1));
    else if (key === 'Enter' && active < 0) sortByHeader(activeColumn);
    else if (key === 'Enter' && row) onOpen(row);
    else if (key === ' ' && row) {
      setSelected(toggled(selected, row.id));
      setAnchor(active);
    } else if ((event.ctrlKey || event.metaKey) && key.toLowerCase() === 'a') {
      selectLoaded();
    } else return;
    handled();
  }

  function onRowClick(event: MouseEvent, index: number, row: CredentialGridRow) {
    setActive(index);
    scroller.current?.focus({ preventScroll: true });
    if (event.shiftKey) {
      setSelected(idsInRange(loadedRows(shown), anchor ?? index, index));
      return;
    }
    setAnchor(index);
    setSelected(event.ctrlKey || event.metaKey ? toggled(selected, row.id) : new Set([row.id]));
  }

  // Only name an element that exists: a row scrolled out of the rendered window is not in the DOM.
  const activeRendered = active < 0 || items.some((item) => item.index === active);
  const activeId = active < 0 ? `${gridId}-col-${columns[activeColumn]?.id ?? ''}` : `${gridId}-row-${active}`;
  const waiting = shown.generation !== generation;

  return (
    <div
      ref={scroller}
      className="grid-scroller"
      role="grid"
      aria-label="Credentials"
      aria-rowcount={total + 1}
      aria-colcount={columns.length + 1}
      aria-multiselectable="true"
      aria-activedescendant={(total > 0 || active < 0) && activeRendered ? activeId : undefined}
      aria-busy={waiting || undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-shown-search={shown.search}
      data-shown-generation={shown.generation}
      data-query-generation={generation}
    >
      <div role="rowgroup" className="grid-head" style={{ width }}>
        <div role="row" aria-rowindex={1} className="grid-row grid-header-row" style={{ gridTemplateColumns: template }}>
          {columns.map((column, index) => {
            const sorted = column.getIsSorted();
            const canSort = column.getCanSort();
            return (
              <div
                key={column.id}
                id={`${gridId}-col-${column.id}`}
                role="columnheader"
                aria-sort={canSort ? (sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none') : undefined}
                className={active < 0 && index === activeColumn ? 'grid-cell grid-header grid-active' : 'grid-cell grid-header'}
                onClick={() => {
                  setActive(-1);
                  setActiveColumn(index);
                  sortByHeader(index);
                }}
                title={canSort ? 'Sort by this column (click or Enter)' : undefined}
              >
                <span className="header-label">
                  {String(column.columnDef.header)}
                  {sorted && <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : ' ▼'}</span>}
                </span>
                <ColumnResizeHandle
                  label={String(column.columnDef.header)}
                  width={column.getSize()}
                  tabIndex={-1}
                  onPreview={(width) => setPreview(width === undefined ? undefined : { id: column.id, width })}
                  onCommit={(width) => onColumnWidth(column.id, width)}
                />
              </div>
            );
          })}
          <div role="columnheader" className="grid-cell grid-header grid-actions">
            {/* Like Ctrl+A: the loaded rows, then the offer to select all that match. */}
            <input
              type="checkbox"
              className="grid-select-all"
              aria-label="Select all loaded credentials"
              checked={matching !== undefined || allLoadedSelected}
              onChange={(event) => (event.target.checked ? selectLoaded() : setSelected(new Set()))}
            />{' '}
            Actions
          </div>
        </div>
      </div>
      <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize(), width }}>
        {total === 0 && shown.total !== undefined && (
          <p className="grid-empty" data-testid="grid-empty">
            {emptyMessage}
          </p>
        )}
        {items.map((item) => {
          const row = rowAt(shown, item.index);
          // With "all N matching" every row of the query is in the selection, loaded or not.
          const isSelected = row !== undefined && (matching !== undefined || selected.has(row.id));
          const className = `grid-row${isSelected ? ' grid-selected' : ''}${item.index === active ? ' grid-active' : ''}`;
          return (
            <div
              key={item.key}
              id={`${gridId}-row-${item.index}`}
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={isSelected}
              aria-busy={row === undefined || undefined}
              className={className}
              style={{ transform: `translateY(${item.start}px)`, gridTemplateColumns: template }}
              onClick={row ? (event) => onRowClick(event, item.index, row) : undefined}
              onDoubleClick={row ? () => onOpen(row) : undefined}
            >
              {row ? (
                <>
                  {columns.map((column) => (
                    <div key={column.id} role="gridcell" className="grid-cell">
                      {CELL_TEXT[column.id as GridColumnId](row)}
                    </div>
                  ))}
                  <div role="gridcell" className="grid-cell grid-actions">
                    <GridRowActions row={row} canReveal={canReveal} onOpen={onOpen} onCopy={onCopy} onReset={onReset} onRequest={onRequest} />
                  </div>
                </>
              ) : (
                <div role="gridcell" className="grid-cell muted">
                  Loading…
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
