import { sql } from 'kysely';
import type { Migration } from '../migration';

export const migration0001MetaUsersAudit: Migration = {
  id: 1,
  name: 'meta-users-audit',
  async up(db) {
    await db.schema
      .createTable('meta')
      .addColumn('key', 'text', (col) => col.primaryKey().notNull())
      .addColumn('value', 'text', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('users')
      // NOT NULL: unlike INTEGER PRIMARY KEY, SQLite lets a TEXT primary key hold NULL.
      .addColumn('id', 'text', (col) => col.primaryKey().notNull())
      // NOCASE: key slots lowercase the username, so "Alice" and "alice" must be one user here too.
      .addColumn('username', 'text', (col) => col.notNull().unique().modifyEnd(sql`COLLATE NOCASE`))
      .addColumn('role', 'text', (col) =>
        col.notNull().check(sql`role IN ('administrator', 'operator', 'approver', 'auditor')`),
      )
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('disabled', 'integer', (col) => col.notNull().defaultTo(0).check(sql`disabled IN (0, 1)`))
      .execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'integer', (col) => col.primaryKey())
      .addColumn('at', 'text', (col) => col.notNull())
      .addColumn('actor', 'text', (col) => col.notNull())
      .addColumn('shell', 'text', (col) => col.notNull().check(sql`shell IN ('desktop', 'host', 'cli', 'system')`))
      .addColumn('action', 'text', (col) => col.notNull())
      .addColumn('object_type', 'text')
      .addColumn('object_id', 'text')
      .addColumn('details', 'text', (col) => col.notNull())
      .addColumn('prev_hash', 'text', (col) => col.notNull())
      .addColumn('hash', 'text', (col) => col.notNull().unique())
      .execute();

    await db.schema.createIndex('audit_log_object').on('audit_log').columns(['object_type', 'object_id']).execute();

    // Defence in depth for the hash chain: ordinary code paths cannot rewrite history. Someone
    // holding the key can drop these triggers, which is what verifyAuditChain is for.
    await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be changed'); END`.execute(db);
    await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be deleted'); END`.execute(db);
  },
};
