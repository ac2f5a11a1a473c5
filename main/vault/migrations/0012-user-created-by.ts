import type { Migration } from '../migration';

/**
 * Who added each user (issue 11): an approval counts only from someone the requester did not add,
 * so `users.created_by` holds the adding user's id. Null for the vault's first user and for rows
 * from before this migration, whose adder nobody recorded. No foreign key, on purpose: the record
 * of who added whom is evidence and must outlive the adder's own row.
 */
export const migration0012UserCreatedBy: Migration = {
  id: 12,
  name: 'user-created-by',
  async up(db) {
    await db.schema.alterTable('users').addColumn('created_by', 'text').execute();
  },
};
