/**
 * Turns what an operator types into an FTS5 MATCH expression: every whitespace-separated term must
 * match (AND), and each term is a quoted phrase with a trailing "*", so "w20" finds "w2016" as the
 * operator types and "10.66" finds the IP 10.66.33.15 (the tokenizer splits it into "10" "66"
 * ... and the phrase matches them in order). Quoting means FTS5 syntax typed by the operator (AND,
 * NEAR, column:, "(") is searched for literally instead of failing the query.
 * Returns undefined when nothing searchable remains (only punctuation), meaning "no search".
 * 'whole word' drops the "*": a query matching a subset of the search's matches, which FTS5 reads
 * lazily where a prefix beyond the index's prefix lengths makes it merge every term's list first.
 */
export function toFtsMatchQuery(search: string, lastTokenAs: 'prefix' | 'whole word' = 'prefix'): string | undefined {
  const star = lastTokenAs === 'prefix' ? '*' : '';
  const phrases = search
    .split(/\s+/)
    // A term with no letter or digit tokenizes to nothing, and FTS5 rejects an empty phrase.
    .filter((term) => /[\p{L}\p{N}]/u.test(term))
    .map((term) => `"${term.replaceAll('"', '""')}"${star}`);
  return phrases.length === 0 ? undefined : phrases.join(' AND ');
}
