import type { ImportRowError } from '../../shared/contract/transfer-channels';
import type { CsvRecord } from '../csv/csv-parse';
import type { MappedRow } from './import-row';

/** A format's mapping: problems with the header (row 0) stop the import; rows map one by one. */
export type RowMapper = (header: readonly string[], records: readonly CsvRecord[]) => { readonly fileErrors: readonly ImportRowError[]; readonly rows: readonly MappedRow[] };
