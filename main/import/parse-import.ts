import type { ImportFormat, ImportRowError } from '../../shared/contract/transfer-channels';
import { assertNever } from '../../shared/assert-never';
import { CsvReader, type CsvRecord } from '../csv/csv-parse';
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

export interface ParsedImport {
  readonly fileErrors: readonly ImportRowError[];
  readonly rows: readonly MappedRow[];
}

/** Characters read per step of a streamed parse (about a megabyte of CSV). */
const PIECE_CHARS = 1 << 20;

/**
 * CSV text → mapped rows as the text is read: each record is mapped as soon as it is complete,
 * the header's problems stop the file at once. Touches no vault.
 */
class ImportParser {
  readonly #reader = new CsvReader();
  readonly #mapper: RowMapper;
  #map: ((record: CsvRecord, row: number) => MappedRow) | undefined;
  #fileErrors: readonly ImportRowError[] = [];
  #records = 0;
  readonly #rows: MappedRow[] = [];

  constructor(format: ImportFormat) {
    this.#mapper = mapperFor(format);
  }

  /** False once the header is known to be wrong: nothing after it matters. */
  push(piece: string): boolean {
    this.#take(this.#reader.push(piece));
    return this.#fileErrors.length === 0;
  }

  end(): ParsedImport {
    const end = this.#reader.end();
    if (!end.ok) return { fileErrors: [rowError(0, end.line, end.message, 'Fix the quoting in the file and import it again.')], rows: [] };
    this.#take(end.records);
    if (this.#map === undefined) return { fileErrors: [rowError(0, 1, 'The file is empty.', 'Choose a CSV file with a header row and at least one row.')], rows: [] };
    if (this.#records === 0) return { fileErrors: [rowError(0, 1, 'The file has a header but no rows.', 'Choose a CSV file with at least one credential.')], rows: [] };
    if (this.#fileErrors.length > 0) return { fileErrors: this.#fileErrors, rows: [] };
    return { fileErrors: [], rows: this.#rows };
  }

  #take(records: readonly CsvRecord[]): void {
    for (const record of records) {
      if (this.#map === undefined) {
        const mapper = this.#mapper(record.fields);
        this.#fileErrors = mapper.fileErrors;
        this.#map = mapper.map;
        continue;
      }
      this.#records += 1;
      if (this.#fileErrors.length === 0) this.#rows.push(this.#map(record, this.#records));
    }
  }
}

/** The whole text at once (the CLI's dry run, tests). */
export function parseImport(format: ImportFormat, csvText: string): ParsedImport {
  const parser = new ImportParser(format);
  parser.push(csvText);
  return parser.end();
}

/**
 * The same, a megabyte at a time, telling `onProgress` the characters read so far out of all, and
 * letting the event loop run between pieces (a 20 MB file must not freeze the host's other
 * windows, and the progress has to leave the process while the parse goes on).
 */
export async function parseImportStreamed(format: ImportFormat, csvText: string, onProgress?: (done: number, total: number) => void): Promise<ParsedImport> {
  const parser = new ImportParser(format);
  for (let at = 0; at < csvText.length; at += PIECE_CHARS) {
    if (!parser.push(csvText.slice(at, at + PIECE_CHARS))) break;
    onProgress?.(Math.min(at + PIECE_CHARS, csvText.length), csvText.length);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return parser.end();
}
