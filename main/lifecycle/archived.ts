import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { ArchiveFilter } from '../../shared/domain/archive';

/**
 * The one rule for "archived" in SQL: `archived_at` is set (migration 0014). Every list, search,
 * picker, count and trigger that must skip archived rows filters through here, so they agree.
 * `column` is a qualified column reference such as 'c.archived_at'.
 */
export function isLive(column: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} IS NULL`;
}

export function isArchivedColumn(column: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} IS NOT NULL`;
}

/**
 * The predicate for a list's archive filter (default: live rows only). `walkSortIndex`: the list
 * reads its rows in the order of another index (a sorted page), so the live test must not tempt
 * SQLite into the archived_at index instead: nearly every row is live, and that plan sorts them all.
 */
export function matchesArchiveFilter(column: string, filter: ArchiveFilter | undefined, walkSortIndex = false): RawBuilder<SqlBool> {
  if (filter === 'archived') return isArchivedColumn(column);
  // Unary "+" keeps the same value and makes the column unusable as an index key.
  return walkSortIndex ? sql<SqlBool>`+${isLive(column)}` : isLive(column);
}
