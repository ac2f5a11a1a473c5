import { sql } from 'kysely';
import type { Migration } from '../migration';

/**
 * Indexes for the audit view's searches, which page newest first (ORDER BY id DESC LIMIT n) and
 * at a million entries scanned the table for a rare actor, action or an old date range. Every
 * SQLite index ends with the rowid (= id), so an index on one column alone walks the entries
 * with that value in id order and stops after a page; the ones with `at` serve a value within a
 * date range (a few thousand rows, sorted). The expressions are exactly the filters' (lower(),
 * as the actor and action filters fold case like LIKE did), or SQLite would not use them. The
 * entity filter already has audit_log_object (object_type, object_id) from migration 0001.
 */
export const migration0019AuditSearchIndexes: Migration = {
  id: 19,
  name: 'audit-search-indexes',
  async up(db) {
    await sql`CREATE INDEX audit_log_actor ON audit_log (lower(actor))`.execute(db);
    await sql`CREATE INDEX audit_log_actor_at ON audit_log (lower(actor), at)`.execute(db);
    // An actor's entries of one action (the list searches a prefix action by action), in id order.
    await sql`CREATE INDEX audit_log_actor_action ON audit_log (lower(actor), lower(action))`.execute(db);
    await sql`CREATE INDEX audit_log_action ON audit_log (lower(action))`.execute(db);
    await sql`CREATE INDEX audit_log_action_at ON audit_log (lower(action), at)`.execute(db);
    await sql`CREATE INDEX audit_log_at ON audit_log (at)`.execute(db);
  },
};
