import { describe, expect, it } from 'vitest';
import { CsvReader, parseCsv, type CsvRecord } from '../../../main/csv/csv-parse';
import { csvCell, toCsv } from '../../../main/csv/csv-write';

describe('CSV (RFC 4180)', () => {
  it('parses quoted commas, doubled quotes, embedded newlines, CRLF, a BOM and unicode, with start lines', () => {
    const parsed = parseCsv('\uFEFFa,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n\r\nñ,日本,\n');
    expect(parsed).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['a', 'b', 'c'] },
        { line: 2, fields: ['x, y', 'say "hi"', 'two\r\nlines'] },
        { line: 5, fields: ['ñ', '日本', ''] },
      ],
    });
  });

  it('reads a text pushed in pieces exactly as the whole, whatever the pieces split ("" and CRLF included)', () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n\r\n"",q"uo,\r"\r"\rñ,日本,\n"end"""';
    const whole = parseCsv(text);
    expect(whole.ok).toBe(true);
    const inPieces = (sizes: (at: number) => number) => {
      const reader = new CsvReader();
      const records: CsvRecord[] = [];
      for (let at = 0; at < text.length; ) {
        const size = Math.max(1, sizes(at));
        records.push(...reader.push(text.slice(at, at + size)));
        at += size;
      }
      const end = reader.end();
      return end.ok ? { ok: true, records: [...records, ...end.records] } : end;
    };
    for (let split = 0; split <= text.length; split += 1) expect(inPieces((at) => (at === 0 ? split : text.length)), `split at ${split}`).toEqual(whole);
    expect(inPieces(() => 1)).toEqual(whole);
    expect(inPieces((at) => (at % 3) + 1)).toEqual(whole);
    // An unclosed quote is still reported, with its line, when it arrives in pieces.
    const reader = new CsvReader();
    for (const ch of 'a,b\n1,"open\n2,3\n') reader.push(ch);
    expect(reader.end()).toMatchObject({ ok: false, line: 2 });
  });

  it('reports an unclosed quote with the line it opened on', () => {
    expect(parseCsv('a,b\n1,"open\n2,3\n')).toMatchObject({ ok: false, line: 2, message: expect.stringMatching(/never closed/) });
  });

  it('writes quoted cells and defuses formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(['+1', '-2', '@SUM(A1)', '\tx'].map(csvCell)).toEqual(["'+1", "'-2", "'@SUM(A1)", "'\tx"]);
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(null)).toBe('');
    const text = toCsv(['a', 'b'], [['x,y', 'line\nbreak']]);
    expect(text).toBe('a,b\r\n"x,y","line\nbreak"\r\n');
    expect(parseCsv(text)).toMatchObject({ ok: true, records: [{ fields: ['a', 'b'] }, { fields: ['x,y', 'line\nbreak'] }] });
  });
});
