import { scanMalformedTagStarts, scanTags, type TagToken } from '../../templates/scan-tags';
import type { SqlDialect } from './sql-dialect';

/**
 * Where a tag sits in a SQL statement, which decides how its value is quoted (sql-quoting.ts):
 * - `literal`: inside a string literal; the value is escaped for that literal. `whole` when the
 *   literal is exactly the tag; `afterPassword` when the word before the literal is PASSWORD (a
 *   PostgreSQL password clause, sent as a SCRAM verifier); `inPasswordFunction` when the literal
 *   is the only argument of PASSWORD(...) (MariaDB).
 * - `quoted-identifier`: inside "..." (PostgreSQL) or `...` (MySQL); the value is escaped for it.
 * - `identifier`: alone as a word of the statement; the value becomes one quoted identifier.
 * - `unsafe`: anywhere else (a comment, a dollar-quoted or E'' string, glued to a word); no
 *   quoting can make a value there safe, so it is an error diagnostic and never rendered.
 */
export type TagPosition =
  | { readonly kind: 'literal'; readonly quote: "'" | '"'; readonly whole: boolean; readonly afterPassword: boolean; readonly inPasswordFunction: boolean }
  | { readonly kind: 'quoted-identifier'; readonly quote: '"' | '`' }
  | { readonly kind: 'identifier' }
  | { readonly kind: 'unsafe'; readonly reason: string };

export type SqlPiece =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'tag'; readonly tag: TagToken; readonly line: number; readonly column: number; readonly position: TagPosition };

/** One statement of the template, sent on its own (never several in one query). */
export interface SqlStatement {
  /** The line it starts on, 1-based. */
  readonly line: number;
  readonly pieces: readonly SqlPiece[];
}

export interface SqlLexProblem {
  readonly line: number;
  readonly column: number;
  readonly length: number;
  readonly kind: 'unclosed' | 'malformed-tag';
  readonly message: string;
}

export interface SqlLexResult {
  readonly statements: readonly SqlStatement[];
  readonly problems: readonly SqlLexProblem[];
}

const WORD_CHAR = /[\p{L}\p{N}_$]/u;
const DOLLAR_QUOTE = /^\$(?:[\p{L}_][\p{L}\p{N}_]*)?\$/u;
const TAG_AT = /^\[#[A-Za-z0-9_]+(?:\|[A-Za-z0-9_-]*)?#\]/;

/**
 * Splits a SQL template into statements and finds, for every [#TAG#], the syntactic position it
 * sits in, the way the server's own lexer reads the text: string literals ('' doubling; in MySQL
 * also backslash escapes and "..." strings, since the session clears ANSI_QUOTES and
 * NO_BACKSLASH_ESCAPES), quoted identifiers, PostgreSQL E'', U&'' and dollar quotes, and comments
 * (/* *\/ nested in PostgreSQL, kept because MySQL's /*! ... *\/ runs; -- and MySQL's # line
 * comments are dropped, tags and all, since they mean nothing to the server). Statements end at a
 * `;` outside all of these; a statement may span lines. Text that is only white space and comments
 * is no statement.
 */
export function lexSqlTemplate(source: string, dialect: SqlDialect): SqlLexResult {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i += 1) if (source[i] === '\n') lineStarts.push(i + 1);
  const where = (offset: number): { line: number; column: number } => {
    let line = 0;
    while (line + 1 < lineStarts.length && (lineStarts[line + 1] ?? Infinity) <= offset) line += 1;
    return { line: line + 1, column: offset - (lineStarts[line] ?? 0) + 1 };
  };

  const statements: SqlStatement[] = [];
  const problems: SqlLexProblem[] = [];
  let pieces: SqlPiece[] = [];
  let text = '';
  let start = -1; // offset of the statement's first significant character
  let significant = false;
  // The last word outside literals and comments, and whether `(` followed it: PASSWORD '...' and PASSWORD('...').
  let lastWord = '';
  let openParenAfterWord = false;

  const flushText = () => {
    if (text !== '') pieces.push({ kind: 'text', text });
    text = '';
  };
  const endStatement = () => {
    flushText();
    if (significant) statements.push({ line: where(start).line, pieces: trimPieces(pieces) });
    pieces = [];
    significant = false;
    start = -1;
    lastWord = '';
    openParenAfterWord = false;
  };
  const markSignificant = (at: number) => {
    if (!significant) start = at;
    significant = true;
  };
  const tagPiece = (tag: TagToken, offset: number, position: TagPosition): SqlPiece => ({ kind: 'tag', tag, ...where(offset), position });

  /** Emits a quoted region's text, turning its tags into pieces with `position`. */
  const emitQuoted = (body: string, bodyOffset: number, open: string, close: string, position: (tag: TagToken) => TagPosition) => {
    text += open;
    const tags = scanTags(body);
    for (const malformed of scanMalformedTagStarts(body, tags)) problems.push({ ...where(bodyOffset + malformed), length: 2, kind: 'malformed-tag', message: 'This looks like a tag but is not closed as one, so it is sent literally. Write tags as [#NAME#]' });
    let from = 0;
    for (const tag of tags) {
      text += body.slice(from, tag.index);
      flushText();
      pieces.push(tagPiece(tag, bodyOffset + tag.index, position(tag)));
      from = tag.index + tag.raw.length;
    }
    text += body.slice(from) + close;
  };
  const unsafeTagsIn = (body: string, bodyOffset: number, reason: string) => {
    flushText();
    for (const tag of scanTags(body)) pieces.push(tagPiece(tag, bodyOffset + tag.index, { kind: 'unsafe', reason }));
  };

  let i = 0;
  while (i < source.length) {
    const c = source[i] ?? '';
    const next = source[i + 1] ?? '';
    const prev = i > 0 ? (source[i - 1] ?? '') : '';

    // Comments: sent as they are; a tag inside one is unsafe (a value could close the comment).
    const lineComment = (c === '-' && next === '-' && (dialect === 'postgresql' || /[\s]/.test(source[i + 2] ?? ' '))) || (c === '#' && dialect === 'mysql' && !source.startsWith('[#', i - 1));
    if (lineComment) {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      // Dropped: a line comment means nothing to the server, so its tags are never filled in.
      i = stop;
      continue;
    }
    if (c === '/' && next === '*') {
      const end = blockCommentEnd(source, i, dialect === 'postgresql');
      if (end === -1) {
        problems.push({ ...where(i), length: 2, kind: 'unclosed', message: 'This comment is never closed with */: the server would read the rest of the template as a comment' });
        i = source.length;
        continue;
      }
      const body = source.slice(i, end);
      unsafeTagsIn(body, i, 'inside a comment, where a value could end the comment');
      flushAfterUnsafe(body);
      i = end;
      continue;
    }

    if (c === '[' && next === '#') {
      const raw = TAG_AT.exec(source.slice(i))?.[0];
      if (raw !== undefined) {
        const tag = scanTags(raw)[0];
        if (tag !== undefined) {
          markSignificant(i);
          const after = source[i + raw.length] ?? '';
          const glued = WORD_CHAR.test(prev) || WORD_CHAR.test(after);
          flushText();
          pieces.push(tagPiece({ ...tag, index: 0 }, i, glued ? { kind: 'unsafe', reason: 'glued to other characters of a word, so it cannot be quoted as one identifier' } : { kind: 'identifier' }));
          lastWord = '';
          openParenAfterWord = false;
          i += raw.length;
          continue;
        }
      }
    }

    if (c === ';') {
      i += 1;
      endStatement();
      continue;
    }

    // PostgreSQL dollar quotes ($$...$$, $tag$...$tag$): nothing inside is an escape, so a value
    // holding the delimiter would end the string.
    if (dialect === 'postgresql' && c === '$' && !WORD_CHAR.test(prev)) {
      const delimiter = DOLLAR_QUOTE.exec(source.slice(i))?.[0];
      if (delimiter !== undefined) {
        markSignificant(i);
        const end = source.indexOf(delimiter, i + delimiter.length);
        if (end === -1) {
          problems.push({ ...where(i), length: delimiter.length, kind: 'unclosed', message: `This dollar-quoted string is never closed with ${delimiter}` });
          i = source.length;
          continue;
        }
        const body = source.slice(i + delimiter.length, end);
        flushText();
        text += delimiter;
        unsafeTagsIn(body, i + delimiter.length, `inside a dollar-quoted string, which has no escapes: a value holding ${delimiter} would end it. Write a standard '...' literal`);
        flushAfterUnsafe(body, delimiter);
        i = end + delimiter.length;
        lastWord = '';
        continue;
      }
    }

    const quote = c === "'" || c === '"' || (c === '`' && dialect === 'mysql') ? c : null;
    if (quote !== null) {
      markSignificant(i);
      const escapedBody = dialect === 'mysql' && quote !== '`';
      const end = quotedEnd(source, i, quote, escapedBody);
      if (end === -1) {
        problems.push({ ...where(i), length: 1, kind: 'unclosed', message: `This ${quote} is never closed: the server would read the rest of the template as part of it` });
        i = source.length;
        continue;
      }
      const body = source.slice(i + 1, end - 1);
      const prefix = dialect === 'postgresql' && quote === "'" ? postgresStringPrefix(source, i) : null;
      if (prefix !== null) {
        unsafeTagsIn(body, i + 1, `inside a PostgreSQL ${prefix}'...' string, whose escapes pamdesk does not write. Write a standard '...' literal`);
        text += quote;
        flushAfterUnsafe(body, quote);
      } else if (quote === '`' || (quote === '"' && dialect === 'postgresql')) {
        emitQuoted(body, i + 1, quote, quote, () => ({ kind: 'quoted-identifier', quote }));
      } else {
        const afterPassword = lastWord.toUpperCase() === 'PASSWORD' && !openParenAfterWord;
        const inFunction = lastWord.toUpperCase() === 'PASSWORD' && openParenAfterWord && /^\s*\)/.test(source.slice(end));
        emitQuoted(body, i + 1, quote, quote, (tag) =>
          escapedBody && oddBackslashesBefore(body, tag.index)
            ? { kind: 'unsafe', reason: 'right after a backslash, which would escape the first character of the value. Remove the backslash' }
            : { kind: 'literal', quote, whole: tag.raw === body, afterPassword, inPasswordFunction: inFunction },
        );
      }
      lastWord = '';
      openParenAfterWord = false;
      i = end;
      continue;
    }

    if (WORD_CHAR.test(c) && !WORD_CHAR.test(prev)) {
      markSignificant(i);
      let end = i;
      while (end < source.length && WORD_CHAR.test(source[end] ?? '')) end += 1;
      lastWord = source.slice(i, end);
      openParenAfterWord = false;
      text += lastWord;
      i = end;
      continue;
    }
    if (!/\s/.test(c)) {
      markSignificant(i);
      if (c === '(' && lastWord !== '' && !openParenAfterWord) openParenAfterWord = true;
      else lastWord = '';
    }
    text += c;
    i += 1;
  }
  endStatement();
  return { statements, problems };

  /** Text holding unsafe tags is kept whole after its tag pieces; those are never rendered. */
  function flushAfterUnsafe(body: string, close = ''): void {
    text += body + close;
  }
}

/** Whether the character at `index` is escaped by a backslash before it (MySQL strings). */
function oddBackslashesBefore(body: string, index: number): boolean {
  let count = 0;
  while (index - count - 1 >= 0 && body[index - count - 1] === '\\') count += 1;
  return count % 2 === 1;
}

/** The offset just past the closing quote, or -1. A doubled quote is one quote; `\` escapes in MySQL strings. */
function quotedEnd(source: string, open: number, quote: string, backslashEscapes: boolean): number {
  let i = open + 1;
  while (i < source.length) {
    const c = source[i];
    if (backslashEscapes && c === '\\') {
      i += 2;
      continue;
    }
    if (c === quote) {
      if (source[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i += 1;
  }
  return -1;
}

/** The offset just past the comment's closing star-slash, or -1; PostgreSQL nests block comments. */
function blockCommentEnd(source: string, open: number, nests: boolean): number {
  let depth = 0;
  let i = open;
  while (i < source.length) {
    if (source.startsWith('/*', i)) {
      depth = nests ? depth + 1 : 1;
      i += 2;
    } else if (source.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  return -1;
}

/** "E" or "U&" when the ' at `quote` opens an escape or Unicode string (as a token of its own), else null. */
function postgresStringPrefix(source: string, quote: number): string | null {
  const before = source.slice(Math.max(0, quote - 3), quote);
  if (/(^|[^\p{L}\p{N}_$])[Ee]$/u.test(before)) return 'E';
  if (/(^|[^\p{L}\p{N}_$])[Uu]&$/u.test(before)) return 'U&';
  return null;
}

/** Drops the white space around a statement (the server ignores it; the log reads better). */
function trimPieces(pieces: readonly SqlPiece[]): SqlPiece[] {
  const out = [...pieces];
  const first = out[0];
  if (first?.kind === 'text') out[0] = { kind: 'text', text: first.text.trimStart() };
  const last = out.at(-1);
  if (last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text.trimEnd() };
  return out.filter((piece) => piece.kind !== 'text' || piece.text !== '');
}
