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

/** The predicate for a list's archive filter (default: live rows only). */
export function matchesArchiveFilter(column: string, filter: ArchiveFilter | undefined): RawBuilder<SqlBool> {
  return filter === 'archived' ? isArchivedColumn(column) : isLive(column);
}
