import { sql } from 'kysely';
import type { Migration } from '../migration';

/**
 * Password history (issue 12, item 9): the secrets a credential held before its current one.
 *
 * SEALED COLUMN: credential_secret_history.secret is FieldCipher output (AES-256-GCM) with
 * AAD {table: 'credential_secret_history', column: 'secret', rowId: '<credential_id>:<id>'}
 * (main/credentials/secret-history.ts), so an entry moved to another credential or row fails to
 * open. Key rotation must re-seal it like the credentials' sealed columns.
 *
 * Written only in the transaction that replaces credentials.content, trimmed there to the policy's
 * historyLength. Deleting a credential deletes its history (nothing else would ever read it).
 */
export const migration0015CredentialSecretHistory: Migration = {
  id: 15,
  name: 'credential-secret-history',
  async up(db) {
    await db.schema
      .createTable('credential_secret_history')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('credential_id', 'integer', (c) => c.notNull().references('credentials.id').onDelete('cascade'))
      .addColumn('secret', 'blob', (c) => c.notNull())
      .addColumn('replaced_at', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('change', 'reset', 'import', 'edit', 'restore')`))
      .addColumn('operation_code', 'text')
      .addColumn('replaced_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('credential_secret_history_by_credential').on('credential_secret_history').columns(['credential_id', 'id']).execute();
  },
};
