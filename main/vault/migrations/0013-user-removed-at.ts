import type { Migration } from '../migration';

/**
 * Removing a user (issue 11) keeps their row, so the audit trail keeps their name and their public
 * signing key still verifies what they signed; `removed_at` (ISO 8601) marks it, and a removed user
 * never signs in again (their key slot is gone with a key rotation). Null for every existing user.
 */
export const migration0013UserRemovedAt: Migration = {
  id: 13,
  name: 'user-removed-at',
  async up(db) {
    await db.schema.alterTable('users').addColumn('removed_at', 'text').execute();
  },
};
