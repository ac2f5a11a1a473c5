import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * The grid's search tested on one row, for searches that match too many credentials for the FTS
 * index to pay off: walking the sort order and testing each row finds a page of 200 after about
 * 200 / (share matching) rows, where reading the index's list of up to a million matches (and
 * sorting them) costs hundreds of milliseconds.
 *
 * The FTS index stays the definition of what matches (toFtsMatchQuery, unicode61 tokenizer); this
 * test answers only where it is certainly the same: an ASCII search against ASCII text, where
 * unicode61 keeps runs of A-Z, a-z and 0-9 as tokens, folds them to lower case and treats every
 * other character as a separator. For a row with any other character it returns NULL, and the
 * caller asks the FTS index about that row instead.
 */
export const SEARCH_ROW_MATCH_FUNCTION = 'pamdesk_search_row_match';

/** Printable ASCII and whitespace only: where the tokenization above is exactly unicode61's. */
const ASCII = /^[\x20-\x7e\t\n\r]*$/;
const TOKEN = /[a-z0-9]+/g;

/** Each search term as unicode61 tokenizes it: a phrase whose last token is a prefix. */
type Phrases = readonly (readonly string[])[];

export function isAsciiSearch(search: string): boolean {
  return ASCII.test(search);
}

function tokens(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
}

/** The phrases toFtsMatchQuery makes of `search` (terms with no letter or digit dropped). */
export function searchPhrases(search: string): Phrases {
  return search
    .split(/\s+/)
    .map(tokens)
    .filter((phrase) => phrase.length > 0);
}

function columnHasPhrase(column: readonly string[], phrase: readonly string[]): boolean {
  const last = phrase.length - 1;
  for (let start = 0; start + last < column.length; start += 1) {
    let at = 0;
    while (at < last && column[start + at] === phrase[at]) at += 1;
    if (at === last && (column[start + last] ?? '').startsWith(phrase[last] ?? '')) return true;
  }
  return false;
}

/**
 * 1 when every phrase occurs within one of the columns (a phrase never spans two, as in FTS5), 0
 * when not, NULL when a column holds a character outside ASCII (the FTS index decides then).
 */
export function rowMatches(phrases: Phrases, columns: readonly unknown[]): 1 | 0 | null {
  const tokenized: string[][] = [];
  for (const value of columns) {
    if (value === null || value === undefined) continue;
    const text = String(value);
    if (!ASCII.test(text)) return null;
    tokenized.push(tokens(text));
  }
  return phrases.every((phrase) => tokenized.some((column) => columnHasPhrase(column, phrase))) ? 1 : 0;
}

const registered = new WeakSet<Database.Database>();

/**
 * Makes SEARCH_ROW_MATCH_FUNCTION(search, column...) callable on this connection (once each).
 * The search's phrases are kept between calls: one query passes the same search for every row.
 */
export function registerSearchRowMatch(driver: Database.Database): void {
  if (registered.has(driver)) return;
  let lastSearch = '';
  let lastPhrases: Phrases = [];
  driver.function(SEARCH_ROW_MATCH_FUNCTION, { deterministic: true, varargs: true }, (search: unknown, ...columns: unknown[]) => {
    const text = String(search);
    if (text !== lastSearch) {
      lastSearch = text;
      lastPhrases = searchPhrases(text);
    }
    return rowMatches(lastPhrases, columns);
  });
  registered.add(driver);
}
