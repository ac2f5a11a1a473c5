import type { Migration } from '../migration';

/**
 * The runner settles Unverified operations by itself: `settle_at` is when it next retries the
 * decision logins (null: not scheduled, an administrator settles it), `settle_tries` how many tries
 * found nothing yet (the back-off grows with it). An index keeps the runner's "what is due" query
 * cheap on a long history.
 */
export const migration0009OperationSettleSchedule: Migration = {
  id: 9,
  name: 'operation-settle-schedule',
  async up(db) {
    await db.schema.alterTable('operations').addColumn('settle_at', 'text').execute();
    await db.schema.alterTable('operations').addColumn('settle_tries', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    // Operations already Unverified get their first settle try at once.
    await db.updateTable('operations').set({ settle_at: new Date(0).toISOString() }).where('state', '=', 'Unverified').execute();
    await db.schema.createIndex('operations_settle_due').on('operations').columns(['state', 'settle_at']).execute();
  },
};
