import { sql } from 'kysely';
import type { Migration } from '../migration';

/**
 * credentials_archived_at (migration 0014) now indexes the archived rows only. Over every row it
 * was a trap: without statistics SQLite takes "archived_at IS NULL" (live, nearly every credential)
 * for a selective key, and chose that index for the dashboard's counts and filtered pages, reading
 * all 1,000,000 credentials through it (1.9 s per count). Partial, it can only serve the archived
 * list ("IS NOT NULL"), which is what it is for; a live-only query walks the index its sort or
 * filter names.
 */
export const migration0021ArchivedIndexPartial: Migration = {
  id: 21,
  name: 'archived-index-partial',
  async up(db) {
    await sql`DROP INDEX credentials_archived_at`.execute(db);
    await sql`CREATE INDEX credentials_archived_at ON credentials(archived_at) WHERE archived_at IS NOT NULL`.execute(db);
  },
};
