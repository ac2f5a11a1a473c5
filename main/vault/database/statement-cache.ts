import type Database from 'better-sqlite3-multiple-ciphers';
import type { SqliteDatabase } from 'kysely';

/** Enough for every distinct query the application issues; raw SQL with inlined values only cycles through it. */
const DEFAULT_CAPACITY = 512;

/**
 * The driver as Kysely sees it, with its prepared statements kept and reused by SQL text (least
 * recently used out first). Kysely prepares every query it runs: parsing and planning the same SQL
 * again is most of what a small query costs, and the runner runs the same few dozen queries for
 * every operation. Safe to share: better-sqlite3 clears a statement's bound values after each run,
 * so nothing a query carried stays in the cache; a statement still iterating (a stream) is busy,
 * and then a fresh one is prepared for the caller instead.
 */
export function withStatementCache(driver: Database.Database, capacity = DEFAULT_CAPACITY): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => driver.close(),
    prepare(sql: string) {
      const kept = cache.get(sql);
      if (kept && !kept.busy) {
        // Re-inserted: a Map iterates in insertion order, so the first key is the least recently used.
        cache.delete(sql);
        cache.set(sql, kept);
        return kept;
      }
      const statement = driver.prepare(sql);
      if (!kept) {
        cache.set(sql, statement);
        if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
      }
      return statement;
    },
  };
}
