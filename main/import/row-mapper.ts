import type { ImportRowError } from '../../shared/contract/transfer-channels';
import type { CsvRecord } from '../csv/csv-parse';
import type { MappedRow } from './import-row';

/**
 * A format's mapping, made from the header: problems with the header (row 0) stop the import;
 * otherwise each record maps on its own (row = its 1-based place after the header), so a large
 * file maps as it is read.
 */
export type RowMapper = (header: readonly string[]) => { readonly fileErrors: readonly ImportRowError[]; readonly map: (record: CsvRecord, row: number) => MappedRow };

/** The answer when the header is wrong: nothing to map. */
export const NO_ROWS = (): never => {
  throw new Error('A mapper with file errors maps no rows.');
};
