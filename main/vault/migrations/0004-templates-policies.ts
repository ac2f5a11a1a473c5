import { sql } from 'kysely';
import type { Migration } from '../migration';

/**
 * Execution templates with their full version history (an operation records the version it ran,
 * so old versions are kept, never overwritten), and password policies with their assignment: an
 * explicit policy on a credential, or criteria (device type, tags) stored with the policy.
 */
export const migration0004TemplatesPolicies: Migration = {
  id: 4,
  name: 'templates-policies',
  async up(db) {
    await db.schema
      .createTable('templates')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique().modifyEnd(sql`COLLATE NOCASE`))
      .addColumn('executor', 'text', (c) => c.notNull().check(sql`executor IN ('ssh')`))
      .addColumn('operation_type', 'text', (c) =>
        c.notNull().check(sql`operation_type IN ('change_password', 'verify', 'reconcile', 'ssh_key_rotation', 'enable', 'disable')`),
      )
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1).check(sql`active IN (0, 1)`))
      .addColumn('builtin', 'integer', (c) => c.notNull().defaultTo(0).check(sql`builtin IN (0, 1)`))
      .addColumn('current_version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('template_versions')
      .addColumn('template_id', 'integer', (c) => c.notNull().references('templates.id').onDelete('cascade'))
      .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
      .addColumn('body', 'text', (c) => c.notNull())
      // Declared variables without their secret values: [{ name, secret, value? }].
      .addColumn('variables', 'text', (c) => c.notNull().defaultTo('[]'))
      // Values of variables marked secret, sealed as one JSON object.
      .addColumn('secret_values', 'blob')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('template_versions_pk', ['template_id', 'version'])
      .execute();

    await db.schema
      .createTable('password_policies')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique().modifyEnd(sql`COLLATE NOCASE`))
      // Strength, expiration, view expiration and allowed windows, validated by the shared schema.
      .addColumn('definition', 'text', (c) => c.notNull())
      // Assignment by criteria: { device_types: [], tags: [] }; explicit assignment is on credentials.
      .addColumn('criteria', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1).check(sql`enabled IN (0, 1)`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .alterTable('credentials')
      .addColumn('policy_id', 'integer', (c) => c.references('password_policies.id').onDelete('set null'))
      .execute();
    await db.schema.createIndex('credentials_policy_id').ifNotExists().on('credentials').column('policy_id').execute();
  },
};
