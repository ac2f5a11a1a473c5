import type { Migration } from '../migration';

/**
 * A reset-credential request can bring its own candidate (a password the operator typed, or one
 * generated in main): `candidate_preset` marks it, and `candidate_sent` records, write-ahead, that
 * a candidate is about to reach the target, so recovery knows whether the target may hold it.
 */
export const migration0007OperationPresetCandidates: Migration = {
  id: 7,
  name: 'operation-preset-candidates',
  async up(db) {
    await db.schema.alterTable('operations').addColumn('candidate_preset', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('operations').addColumn('candidate_sent', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  },
};
