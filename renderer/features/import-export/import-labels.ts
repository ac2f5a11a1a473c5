import type { ImportFormat, ImportRowAction, ImportSummary } from '../../../shared/contract/transfer-channels';

export const FORMAT_OPTIONS: readonly { readonly value: ImportFormat; readonly label: string }[] = [
  { value: 'pamdesk', label: 'pamdesk CSV (this app’s export, with secrets added)' },
  { value: 'keepassxc', label: 'KeePassXC CSV export' },
  { value: 'bitwarden', label: 'Bitwarden CSV export' },
];

export const ACTION_LABEL: Readonly<Record<ImportRowAction, string>> = { create: 'Create', update: 'Update', skip: 'Skip', error: 'Error' };

const plural = (n: number, one: string, many: string): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** "3 to create, 1 to update, 2 skipped; 1 new device": a preview or a result in one line. */
export function describeSummary(summary: ImportSummary, done: boolean): string {
  const parts = [
    `${summary.create.toLocaleString()} ${done ? 'created' : 'to create'}`,
    `${summary.update.toLocaleString()} ${done ? 'updated' : 'to update'}`,
    `${summary.skip.toLocaleString()} skipped`,
  ];
  if (!done) parts.push(plural(summary.errors, 'row with errors', 'rows with errors'));
  const devices = summary.devicesCreated > 0 ? `; ${plural(summary.devicesCreated, 'new device', 'new devices')}${done ? ' created' : ''}` : '';
  return `${plural(summary.rows, 'row', 'rows')}: ${parts.join(', ')}${devices}.`;
}

/** How many credentials a commit writes: the confirm button names this number. */
export function toWrite(summary: ImportSummary): number {
  return summary.create + summary.update;
}
