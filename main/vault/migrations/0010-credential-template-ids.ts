import { sql } from 'kysely';
import type { Migration } from '../migration';

/**
 * Credentials reference their change and reconciliation templates by id, so renaming a template
 * does not break the credentials that use it, and a template in use cannot be deleted (the foreign
 * key refuses it). The execution settings JSON keeps the name seed 004 sends and returns; the
 * template service rewrites it on a rename. Existing credentials are linked by the name they hold
 * (templates are unique by name without regard to case).
 */
export const migration0010CredentialTemplateIds: Migration = {
  id: 10,
  name: 'credential-template-ids',
  async up(db) {
    await db.schema.alterTable('credentials').addColumn('change_template_id', 'integer', (c) => c.references('templates.id')).execute();
    await db.schema.alterTable('credentials').addColumn('reconciliation_template_id', 'integer', (c) => c.references('templates.id')).execute();
    await db.schema.createIndex('credentials_change_template_id').on('credentials').column('change_template_id').execute();
    await db.schema.createIndex('credentials_reconciliation_template_id').on('credentials').column('reconciliation_template_id').execute();
    await sql`UPDATE credentials SET change_template_id =
      (SELECT t.id FROM templates t WHERE t.name = json_extract(credentials.execution_settings, '$.change_template'))
      WHERE execution_settings IS NOT NULL`.execute(db);
    await sql`UPDATE credentials SET reconciliation_template_id =
      (SELECT t.id FROM templates t WHERE t.name = json_extract(credentials.execution_settings, '$.reconciliation_template'))
      WHERE execution_settings IS NOT NULL`.execute(db);
  },
};
