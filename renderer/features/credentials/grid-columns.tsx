import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import type { CredentialGridRow, CredentialSortColumn } from '../../../shared/domain/credential-grid-query';
import type { LayoutColumn } from '../shared-ui/use-table-layout';

/**
 * Every column the grid can show; sortable ones carry the server-side sort key of the same name.
 * The default set (and sizes) fits a 1366 px window beside the navigation with the columns work
 * needs: the identifier, who and where, Status, InSync, Next change, and the row's actions; the
 * rest are one click away in Columns, and each user's choice and widths are kept for them.
 */
export const GRID_COLUMNS = [
  { id: 'identifier', label: 'Identifier', size: 150, sort: 'identifier', required: true },
  { id: 'username', label: 'Username', size: 100, sort: 'username' },
  { id: 'hostname', label: 'Hostname', size: 110, sort: 'hostname' },
  { id: 'ip', label: 'IP', size: 100, sort: 'ip' },
  { id: 'credential_type', label: 'Type', size: 110, sort: 'credential_type', hiddenByDefault: true },
  { id: 'domain', label: 'Domain', size: 120, sort: 'domain', hiddenByDefault: true },
  { id: 'device_type', label: 'Device type', size: 110, sort: 'device_type', hiddenByDefault: true },
  { id: 'device_vendor', label: 'Vendor', size: 100, sort: 'device_vendor', hiddenByDefault: true },
  { id: 'device_model', label: 'Model', size: 100, sort: 'device_model', hiddenByDefault: true },
  // Main has no sort key for tags (a list has no single order), so this header does not sort.
  { id: 'tags', label: 'Tags', size: 140, sort: undefined, hiddenByDefault: true },
  { id: 'status', label: 'Status', size: 70, sort: 'status' },
  { id: 'automatic_change', label: 'Automatic change', size: 90, sort: 'automatic_change', hiddenByDefault: true },
  { id: 'in_sync', label: 'InSync', size: 90, sort: 'in_sync' },
  { id: 'last_changed_at', label: 'Last change', size: 150, sort: 'last_changed_at', hiddenByDefault: true },
  { id: 'next_change_at', label: 'Next change', size: 140, sort: 'next_change_at' },
] as const satisfies readonly (LayoutColumn & { sort: CredentialSortColumn | undefined })[];

export type GridColumnId = (typeof GRID_COLUMNS)[number]['id'];

function when(iso: string | null): string {
  return iso === null ? '—' : new Date(iso).toLocaleString();
}

const text = (value: string | null): string => (value === null || value === '' ? '—' : value);

/** How each column shows a row; plain text so the grid stays cheap to render at scrolling speed. */
export const CELL_TEXT: Readonly<Record<GridColumnId, (row: CredentialGridRow) => ReactNode>> = {
  identifier: (row) => row.identifier,
  username: (row) => row.username,
  hostname: (row) => row.hostname,
  ip: (row) => row.ip,
  credential_type: (row) => row.credential_type,
  domain: (row) => text(row.domain),
  device_type: (row) => text(row.device_type),
  device_vendor: (row) => text(row.device_vendor),
  device_model: (row) => text(row.device_model),
  tags: (row) => (row.tags.length === 0 ? '—' : row.tags.join(', ')),
  status: (row) => row.status,
  automatic_change: (row) => (row.automatic_change ? 'Yes' : 'No'),
  in_sync: (row) => (row.in_sync === 'unknown' ? 'Unknown' : row.in_sync),
  last_changed_at: (row) => when(row.last_changed_at),
  next_change_at: (row) => when(row.next_change_at),
};

const helper = createColumnHelper<CredentialGridRow>();

/**
 * react-table holds the column model (visibility, sizes, sort state); the rows themselves are not
 * given to it, because they live in pages fetched on demand, never as one array.
 */
export const TABLE_COLUMNS: ColumnDef<CredentialGridRow, unknown>[] = GRID_COLUMNS.map((column) =>
  // An accessor (not a display column): react-table only lets accessor columns sort.
  helper.accessor((row): unknown => row[column.id], {
    id: column.id,
    header: column.label,
    size: column.size,
    enableSorting: column.sort !== undefined,
    enableHiding: column.id !== 'identifier',
  }),
);

export function gridColumn(id: string) {
  return GRID_COLUMNS.find((column) => column.id === id);
}
