import type { CsvRecord } from '../csv/csv-parse';
import { cell, headerKey, indexHeader, rawCell, rowError, type MappedRow } from './import-row';
import { PAMDESK_READ_ONLY_COLUMNS, PAMDESK_REQUIRED_COLUMNS, PAMDESK_SECRET_COLUMNS, PAMDESK_WRITABLE_COLUMNS } from './pamdesk-columns';
import { NO_ROWS, type RowMapper } from './row-mapper';

const KNOWN = new Set<string>([...Object.keys(PAMDESK_WRITABLE_COLUMNS), ...PAMDESK_SECRET_COLUMNS, ...PAMDESK_READ_ONLY_COLUMNS]);

/**
 * pamdesk's own columns. An empty cell means "not given": a new credential takes the seed's
 * default, an existing one keeps its value (an import never clears a field).
 */
export const mapPamdeskRows: RowMapper = (header) => {
  const unknown = header.map(headerKey).filter((name) => name !== '' && !KNOWN.has(name));
  const missing = PAMDESK_REQUIRED_COLUMNS.filter((name) => !header.map(headerKey).includes(name));
  const fileErrors = [
    ...(unknown.length > 0 ? [rowError(0, 1, `Unknown column(s): ${unknown.join(', ')}.`, `Use pamdesk's columns (${[...KNOWN].join(', ')}), or choose the KeePassXC or Bitwarden format.`)] : []),
    ...(missing.length > 0 ? [rowError(0, 1, `Missing column(s): ${missing.join(', ')}.`, 'Add them to the header row: every credential needs a username, a hostname and an ip.')] : []),
  ];
  if (fileErrors.length > 0) return { fileErrors, map: NO_ROWS };
  const index = indexHeader(header);
  return { fileErrors: [], map: (record, row) => mapRecord(record, row, index) };
};

function mapRecord(record: CsvRecord, row: number, index: ReturnType<typeof indexHeader>): MappedRow {
  const { fields, line } = record;
  const hostname = cell(fields, index, 'hostname');
  const ip = cell(fields, index, 'ip');
  const username = cell(fields, index, 'username');
  const label = `${username || '(no username)'}@${hostname || '(no hostname)'}${ip ? ` (${ip})` : ''}`;
  const errors = [
    ...(hostname === '' ? [rowError(row, line, 'hostname is empty.', "Fill in the device's hostname.")] : []),
    ...(ip === '' ? [rowError(row, line, 'ip is empty.', "Fill in the device's IP address (or the DNS name pamdesk connects to).")] : []),
    ...(username === '' ? [rowError(row, line, 'username is empty.', 'Fill in the account name on the device.')] : []),
  ];
  if (errors.length > 0) return { kind: 'error', row, line, label, errors };
  const body: Record<string, unknown> = {};
  for (const [column, field] of Object.entries(PAMDESK_WRITABLE_COLUMNS)) {
    const value = cell(fields, index, column);
    if (value !== '') body[field] = value;
  }
  // Secrets keep their spacing exactly: a password may start or end with a space.
  const content = rawCell(fields, index, 'content');
  if (content !== '') body['content'] = content;
  const totp = cell(fields, index, 'totp_secret');
  if (totp !== '') body['additional_settings'] = { secret_key: totp };
  return { kind: 'upsert', row, line, body, hostname, ip };
}
