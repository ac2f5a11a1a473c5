/**
 * The two SQL dialects pamdesk's database executors speak. Each value is quoted by where its tag
 * sits (sql-lexer.ts), so that no value can end the literal or identifier it is in:
 * - PostgreSQL literals are standard strings (the session sets standard_conforming_strings = on,
 *   so a backslash is an ordinary character): a quote is doubled. Identifiers are "..." with "
 *   doubled; the server cuts a name at 63 bytes (NAMEDATALEN - 1), which could name another role,
 *   so a longer one is refused.
 * - MySQL/MariaDB literals: the session clears NO_BACKSLASH_ESCAPES and ANSI_QUOTES (so "..." is a
 *   string and \ escapes, whatever the server's default), and the value has \ and its quote
 *   escaped. Identifiers are `...` with ` doubled.
 */
export type SqlDialect = 'postgresql' | 'mysql';

export function quoteLiteralBody(dialect: SqlDialect, value: string, quote: "'" | '"'): string {
  const escaped = dialect === 'mysql' ? value.replaceAll('\\', '\\\\') : value;
  return escaped.replaceAll(quote, quote + quote);
}

export function quoteIdentifierBody(value: string, quote: '"' | '`'): string {
  return value.replaceAll(quote, quote + quote);
}

export function identifierQuote(dialect: SqlDialect): '"' | '`' {
  return dialect === 'postgresql' ? '"' : '`';
}

/** Why a value cannot be this dialect's identifier, or null. */
export function refuseIdentifier(dialect: SqlDialect, value: string): string | null {
  if (dialect === 'postgresql' && Buffer.byteLength(value, 'utf8') > 63) {
    return 'is longer than the 63 bytes PostgreSQL keeps of a name (it would cut it, and the cut name could be another role)';
  }
  if (dialect === 'mysql' && [...value].length > 80) return 'is longer than the 80 characters MariaDB allows in an account name';
  return null;
}
