/**
 * POSIX-shell single quoting: inside '...' nothing is special, so the only character to handle is
 * the quote itself, written as '\'' (close, escaped quote, reopen). The result is always exactly
 * one shell word, whatever the value holds (; | $ ` spaces, globs).
 */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
