/** One record and the line it starts on (1-based, counting the header), for error messages. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

export type CsvParseResult =
  | { readonly ok: true; readonly records: readonly CsvRecord[] }
  | { readonly ok: false; readonly line: number; readonly message: string };

export type CsvEnd = { readonly ok: true; readonly records: readonly CsvRecord[] } | { readonly ok: false; readonly line: number; readonly message: string };

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/**
 * RFC 4180: fields separated by commas, records by CRLF (LF and CR alone are accepted too), a
 * field in double quotes may hold commas, line breaks and doubled quotes. A leading UTF-8 BOM is
 * dropped; blank lines are skipped. A quote inside an unquoted field is kept as text (exports from
 * some tools do this); an unclosed quoted field is an error, since everything after it is ambiguous.
 *
 * Incremental: push() takes the text in pieces of any size and answers the records completed so
 * far, so a large file is parsed (and mapped, and reported on) as it goes. A piece may end anywhere,
 * even between the two characters of a "" or a CRLF: those are held back until the next piece.
 */
export class CsvReader {
  #fields: string[] = [];
  #field = '';
  #line = 1;
  #recordLine = 1;
  #quoted = false;
  #quoteLine = 1;
  #fieldStarted = false;
  #held = '';
  #started = false;
  #records: CsvRecord[] = [];

  push(piece: string): readonly CsvRecord[] {
    this.#scan(this.#held + piece, false);
    return this.#take();
  }

  /** The last records, or the error that makes the whole file ambiguous. */
  end(): CsvEnd {
    this.#scan(this.#held, true);
    if (this.#quoted) {
      return { ok: false, line: this.#quoteLine, message: `A quoted field opened on line ${this.#quoteLine} is never closed: add the closing double quote (a quote inside a field is written as two quotes "").` };
    }
    if (this.#field !== '' || this.#fieldStarted || this.#fields.length > 0) this.#endRecord();
    return { ok: true, records: this.#take() };
  }

  #take(): CsvRecord[] {
    const records = this.#records;
    this.#records = [];
    return records;
  }

  #endField(): void {
    this.#fields.push(this.#field);
    this.#field = '';
    this.#fieldStarted = false;
  }

  #endRecord(): void {
    this.#endField();
    if (!(this.#fields.length === 1 && this.#fields[0] === '')) this.#records.push({ line: this.#recordLine, fields: this.#fields });
    this.#fields = [];
  }

  #scan(text: string, final: boolean): void {
    this.#held = '';
    let input = text;
    if (!this.#started) {
      if (input === '' && !final) return;
      this.#started = true;
      if (input.charCodeAt(0) === 0xfeff) input = input.slice(1);
    }
    const length = input.length;
    // Plain characters are copied in runs (one slice per run rather than one concatenation each).
    let run = 0;
    const flushRun = (to: number) => {
      if (to > run) this.#field += input.slice(run, to);
    };
    for (let i = 0; i < length; i += 1) {
      const ch = input.charCodeAt(i);
      // What a quote or a CR means depends on the next character: wait for it.
      if ((ch === QUOTE || ch === CR) && i + 1 === length && !final) {
        flushRun(i);
        this.#held = input.slice(i);
        return;
      }
      if (this.#quoted) {
        if (ch === QUOTE) {
          flushRun(i);
          if (input.charCodeAt(i + 1) === QUOTE) {
            this.#field += '"';
            i += 1;
          } else this.#quoted = false;
          run = i + 1;
        } else if (ch === LF || (ch === CR && input.charCodeAt(i + 1) !== LF)) this.#line += 1;
        continue;
      }
      if (ch === QUOTE && !this.#fieldStarted) {
        flushRun(i);
        this.#quoted = true;
        this.#quoteLine = this.#line;
        this.#fieldStarted = true;
        run = i + 1;
      } else if (ch === COMMA) {
        flushRun(i);
        this.#endField();
        run = i + 1;
      } else if (ch === CR || ch === LF) {
        flushRun(i);
        if (ch === CR && input.charCodeAt(i + 1) === LF) i += 1;
        this.#endRecord();
        this.#line += 1;
        this.#recordLine = this.#line;
        run = i + 1;
      } else this.#fieldStarted = true;
    }
    flushRun(length);
  }
}

/** A whole text at once (see CsvReader). */
export function parseCsv(text: string): CsvParseResult {
  const reader = new CsvReader();
  const first = reader.push(text);
  const end = reader.end();
  if (!end.ok) return end;
  return { ok: true, records: [...first, ...end.records] };
}
