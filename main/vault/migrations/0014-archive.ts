import type { Migration } from '../migration';

/** The four kinds of record an operator can archive (issue 12): hidden, kept, restorable. */
const ARCHIVABLE_TABLES = ['credentials', 'devices', 'templates', 'password_policies'] as const;

/**
 * Archive instead of losing: credentials, devices, templates and policies get `archived_at` (when,
 * ISO UTC; NULL = live) and `archived_by` (the username). An archived row keeps its history,
 * operations and audit; lists, search, pickers, counts and the runner's triggers skip it. Indexed on
 * credentials, whose lists are the large ones.
 */
export const migration0014Archive: Migration = {
  id: 14,
  name: 'archive',
  async up(db) {
    for (const table of ARCHIVABLE_TABLES) {
      await db.schema.alterTable(table).addColumn('archived_at', 'text').execute();
      await db.schema.alterTable(table).addColumn('archived_by', 'text').execute();
    }
    await db.schema.createIndex('credentials_archived_at').on('credentials').column('archived_at').execute();
  },
};
