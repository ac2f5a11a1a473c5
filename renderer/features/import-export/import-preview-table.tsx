import type { ImportRowPreview } from '../../../shared/contract/transfer-channels';
import { VirtualTable } from '../bulk/virtual-table';
import { ACTION_LABEL } from './import-labels';

const DEVICE_LABEL = { create: 'New', existing: 'Existing' } as const;

/** What the commit would do, row by row (no secret: labels are username@hostname). */
export function ImportPreviewTable({ rows }: { readonly rows: readonly ImportRowPreview[] }) {
  return (
    <VirtualTable
      label="Rows to import"
      testId="import-preview"
      height={260}
      columns={[
        { header: 'Row', width: '64px' },
        { header: 'Action', width: '84px' },
        { header: 'Account', width: 'minmax(180px, 2fr)' },
        { header: 'Device', width: '84px' },
        { header: 'Note', width: 'minmax(120px, 1fr)' },
      ]}
      rowCount={rows.length}
      rowKey={(i) => rows[i]?.row ?? i}
      rowClassName={(i) => (rows[i]?.action === 'error' ? 'virtual-row-error' : undefined)}
      renderRow={(i) => {
        const row = rows[i];
        if (!row) return [];
        return [row.row, ACTION_LABEL[row.action], <span title={row.label}>{row.label}</span>, row.device ? DEVICE_LABEL[row.device] : '—', row.note ?? ''];
      }}
    />
  );
}
