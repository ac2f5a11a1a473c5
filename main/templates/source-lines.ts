/**
 * A template body split into lines. CRLF, LF and a lone CR (old Mac files) all end a line, so a
 * template pasted from Windows parses the same as one written on Linux; the line terminator is
 * never part of an argument (what `exec` sends after its text is set-new-line-mode's job).
 */
export interface SourceLine {
  /** 1-based. */
  readonly number: number;
  readonly text: string;
}

export function splitSourceLines(source: string): readonly SourceLine[] {
  return source.split(/\r\n|\n|\r/).map((text, index) => ({ number: index + 1, text }));
}
