/**
 * Control characters: C0 (U+0000-U+001F, so TAB, CR, LF, ESC and NUL too), DEL (U+007F) and C1
 * (U+0080-U+009F). A terminal or an interactive shell acts on them instead of storing them: a line
 * break ends the typed line, TAB completes a file name (and can close a quote), ESC starts a
 * terminal sequence, a C1 code is a one-byte ESC on 8-bit terminals. No name, address or password
 * that pamdesk types needs one, so the entry checks and the template renderer refuse them.
 */
// Finding control characters is this pattern's whole job.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/u;

const NAMES: Readonly<Record<number, string>> = {
  0x00: 'a NUL character',
  0x09: 'a TAB',
  0x0a: 'a line break',
  0x0d: 'a carriage return',
  0x1b: 'an ESC character',
  0x7f: 'a DEL character',
};

export interface ControlCharacterFound {
  /** Position in the string (UTF-16 index). */
  readonly index: number;
  /** "a TAB", "a line break", "the control character U+0007"... for messages. */
  readonly description: string;
}

export function hasControlCharacter(value: string): boolean {
  return CONTROL_CHARACTER.test(value);
}

/** The first control character in `value`, described for a message, or null when there is none. */
export function findControlCharacter(value: string): ControlCharacterFound | null {
  const match = CONTROL_CHARACTER.exec(value);
  if (match === null) return null;
  const code = match[0].charCodeAt(0);
  return { index: match.index, description: NAMES[code] ?? `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}` };
}
