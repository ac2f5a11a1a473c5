import type { Migration } from '../migration';

/**
 * Reveals are views: each one is counted on the credential, and the time of the last one kept, so
 * that "expire N hours after a view" policies (the runner's view trigger) can find them by index.
 */
export const migration0003CredentialViews: Migration = {
  id: 3,
  name: 'credential-views',
  async up(db) {
    await db.schema.alterTable('credentials').addColumn('view_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('credentials').addColumn('last_viewed_at', 'text').execute();
    await db.schema.createIndex('credentials_last_viewed_at').ifNotExists().on('credentials').column('last_viewed_at').execute();
  },
};
