import type { ImportFormat, ImportRowError } from '../../shared/contract/transfer-channels';
import { assertNever } from '../../shared/assert-never';
import { parseCsv } from '../csv/csv-parse';
import type { MappedRow } from './import-row';
import { mapBitwardenRows } from './map-bitwarden-rows';
import { mapKeepassxcRows } from './map-keepassxc-rows';
import { mapPamdeskRows } from './map-pamdesk-rows';
import { rowError } from './import-row';
import type { RowMapper } from './row-mapper';

function mapperFor(format: ImportFormat): RowMapper {
  switch (format) {
    case 'pamdesk':
      return mapPamdeskRows;
    case 'keepassxc':
      return mapKeepassxcRows;
    case 'bitwarden':
      return mapBitwardenRows;
    default:
      return assertNever(format, 'import format');
  }
}

/** CSV text → mapped rows, or the problems with the file itself (row 0). Touches no vault. */
export function parseImport(format: ImportFormat, csvText: string): { readonly fileErrors: readonly ImportRowError[]; readonly rows: readonly MappedRow[] } {
  const parsed = parseCsv(csvText);
  if (!parsed.ok) return { fileErrors: [rowError(0, parsed.line, parsed.message, 'Fix the quoting in the file and import it again.')], rows: [] };
  const [header, ...records] = parsed.records;
  if (header === undefined) return { fileErrors: [rowError(0, 1, 'The file is empty.', 'Choose a CSV file with a header row and at least one row.')], rows: [] };
  if (records.length === 0) return { fileErrors: [rowError(0, 1, 'The file has a header but no rows.', 'Choose a CSV file with at least one credential.')], rows: [] };
  return mapperFor(format)(header.fields, records);
}
