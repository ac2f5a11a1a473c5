import type { ColumnSizingState, VisibilityState } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo } from 'react';
import { COLUMN_WIDTH_MAX, COLUMN_WIDTH_MIN, type PreferenceTable, type TableLayout } from '../../../shared/contract/preferences';
import { usePreferences } from '../../stores/preferences-store';

/** A column a table lets people choose and resize. */
export interface LayoutColumn {
  readonly id: string;
  readonly label: string;
  /** Default width in CSS pixels. */
  readonly size: number;
  /** Always shown (and not offered in Columns): the row's name and the columns work needs. */
  readonly required?: boolean;
  readonly hiddenByDefault?: boolean;
}

export interface TableLayoutState {
  readonly visibility: VisibilityState;
  /** Widths the user set; a column not named has its default size. */
  readonly sizing: ColumnSizingState;
  setVisibility(visibility: VisibilityState): void;
  setWidth(columnId: string, width: number): void;
}

export const clampWidth = (width: number): number => Math.round(Math.min(COLUMN_WIDTH_MAX, Math.max(COLUMN_WIDTH_MIN, width)));

/**
 * One table's columns shown and their widths, as the signed-in user left them: read from and
 * written to their own preferences in main (preferences.set), so another user at this window, or
 * this user in another browser, sees their own layout.
 */
export function useTableLayout(table: PreferenceTable, columns: readonly LayoutColumn[]): TableLayoutState {
  const { preferences, load, setTable } = usePreferences();
  useEffect(() => {
    if (!preferences) void load();
  }, [preferences, load]);
  const stored: TableLayout | undefined = preferences?.tables[table];

  const visibility = useMemo<VisibilityState>(() => {
    const shown: VisibilityState = {};
    for (const column of columns) shown[column.id] = column.required === true || (stored?.visible[column.id] ?? column.hiddenByDefault !== true);
    return shown;
  }, [columns, stored]);
  const sizing = useMemo<ColumnSizingState>(() => {
    const known = new Set(columns.map((c) => c.id));
    return Object.fromEntries(Object.entries(stored?.widths ?? {}).filter(([id]) => known.has(id)));
  }, [columns, stored]);

  const save = useCallback(
    (layout: Partial<TableLayout>) => void setTable(table, { visible: stored?.visible ?? {}, widths: stored?.widths ?? {}, ...layout }),
    [setTable, table, stored],
  );
  return {
    visibility,
    sizing,
    setVisibility: (next) => save({ visible: Object.fromEntries(Object.entries(next).filter(([id]) => columns.some((c) => c.id === id && c.required !== true))) }),
    setWidth: (columnId, width) => save({ widths: { ...(stored?.widths ?? {}), [columnId]: clampWidth(width) } }),
  };
}
