import type { TemplateDiagnostic } from '../../shared/domain/template-diagnostic';
import { diagnostic } from './diagnostic';

/**
 * A command's argument, as Segura reads it. The documented form is one double-quoted string, and
 * Segura's own library also has unquoted arguments, a missing closing quote and quotes inside the
 * argument; those are accepted with a warning. The text between the FIRST and the LAST double
 * quote is the argument, kept literally: Segura documents no escapes, so a backslash is sent as a
 * backslash (which is what a regex in expect-regex needs) and `\"` does not exist.
 */
export interface ParsedArgument {
  readonly text: string;
  /** 1-based column of the text's first character in the source line. */
  readonly column: number;
  readonly quoted: boolean;
}

export interface ArgumentResult {
  readonly argument: ParsedArgument | null;
  readonly diagnostics: readonly TemplateDiagnostic[];
}

/** `start` is the 0-based offset of the argument's first character (after the keyword's spaces). */
export function parseTextArgument(lineText: string, start: number, line: number, keyword: string): ArgumentResult {
  const rest = lineText.slice(start);
  if (rest.trim() === '') {
    return {
      argument: null,
      diagnostics: [
        diagnostic('error', 'missing-argument', { line, column: start + 1, length: keyword.length }, `${keyword} needs a quoted argument, e.g. ${keyword} "text"; to send only a new line write exec ""`),
      ],
    };
  }
  if (!rest.startsWith('"')) {
    const text = rest.trimEnd();
    return {
      argument: { text, column: start + 1, quoted: false },
      diagnostics: [
        diagnostic('warning', 'unquoted-argument', { line, column: start + 1, length: text.length }, `The argument of ${keyword} is not quoted; it is read as ${JSON.stringify(text)}. Put it in double quotes: ${keyword} "${text}"`),
      ],
    };
  }
  const last = lineText.lastIndexOf('"');
  if (last === start) {
    const text = rest.slice(1).trimEnd();
    return {
      argument: { text, column: start + 2, quoted: true },
      diagnostics: [
        diagnostic('warning', 'unclosed-quote', { line, column: start + 1, length: rest.trimEnd().length }, `The quote opened here is never closed; the argument is read up to the end of the line as ${JSON.stringify(text)}. Add the closing quote`),
      ],
    };
  }
  const text = lineText.slice(start + 1, last);
  const diagnostics: TemplateDiagnostic[] = [];
  const after = lineText.slice(last + 1);
  if (after.trim() !== '') {
    const offset = last + 1 + (after.length - after.trimStart().length);
    diagnostics.push(
      diagnostic('error', 'text-after-closing-quote', { line, column: offset + 1, length: after.trim().length }, `${JSON.stringify(after.trim())} follows the closing quote and would be lost. Move it inside the quotes, or onto its own line starting with # if it is a comment`),
    );
  }
  const inner = text.indexOf('"');
  if (inner >= 0) {
    diagnostics.push(
      diagnostic('warning', 'nested-quotes', { line, column: start + 2 + inner, length: 1 }, `The argument contains double quotes; as in Segura, it is everything between the first and the last quote: ${JSON.stringify(text)}. If that is what you mean, nothing to do; otherwise use single quotes inside`),
    );
  }
  return { argument: { text, column: start + 2, quoted: true }, diagnostics };
}

/**
 * A one-word argument (a number or a new-line mode). Segura's library sometimes quotes it
 * (set-new-line-mode "unix"); the quotes are dropped with a warning.
 */
export function parseWordArgument(lineText: string, start: number, line: number, keyword: string): ArgumentResult {
  const raw = lineText.slice(start).trimEnd();
  if (raw === '') {
    return {
      argument: null,
      diagnostics: [diagnostic('error', 'missing-argument', { line, column: start + 1, length: keyword.length }, `${keyword} needs a value, e.g. ${example(keyword)}`)],
    };
  }
  const quoted = raw.match(/^"([^"]*)"?$/);
  if (quoted !== null) {
    const text = (quoted[1] ?? '').trim();
    return {
      argument: { text, column: start + 2, quoted: true },
      diagnostics: [
        diagnostic('warning', 'quoted-argument', { line, column: start + 1, length: raw.length }, `The value of ${keyword} does not need quotes; write ${keyword} ${text}`),
      ],
    };
  }
  return { argument: { text: raw, column: start + 1, quoted: false }, diagnostics: [] };
}

function example(keyword: string): string {
  return keyword === 'set-new-line-mode' ? 'set-new-line-mode unix' : keyword === 'set-ssh-version' ? 'set-ssh-version 2' : `${keyword} 5`;
}
