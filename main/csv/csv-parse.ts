/** One record and the line it starts on (1-based, counting the header), for error messages. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

export type CsvParseResult =
  | { readonly ok: true; readonly records: readonly CsvRecord[] }
  | { readonly ok: false; readonly line: number; readonly message: string };

/**
 * RFC 4180: fields separated by commas, records by CRLF (LF and CR alone are accepted too), a
 * field in double quotes may hold commas, line breaks and doubled quotes. A leading UTF-8 BOM is
 * dropped; blank lines are skipped. A quote inside an unquoted field is kept as text (exports from
 * some tools do this); an unclosed quoted field is an error, since everything after it is ambiguous.
 */
export function parseCsv(text: string): CsvParseResult {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 1;
  let fieldStarted = false;

  const endField = () => {
    fields.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };

  for (let i = 0; i < input.length; i += 1) {
    const ch = input.charAt(i);
    if (quoted) {
      if (ch === '"') {
        if (input.charAt(i + 1) === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && input.charAt(i + 1) !== '\n')) line += 1;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      quoteLine = line;
      fieldStarted = true;
    } else if (ch === ',') endField();
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && input.charAt(i + 1) === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) return { ok: false, line: quoteLine, message: `A quoted field opened on line ${quoteLine} is never closed: add the closing double quote (a quote inside a field is written as two quotes "").` };
  if (field !== '' || fieldStarted || fields.length > 0) endRecord();
  return { ok: true, records };
}
