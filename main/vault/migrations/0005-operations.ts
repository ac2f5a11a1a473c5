import { sql } from 'kysely';
import type { Migration } from '../migration';

/**
 * The execution module's persistent queue: operations and their attempts. An operation under way
 * holds a lease (owner + expiry) so that several processes on one vault never run it twice, and its
 * candidate secret is sealed here before the target is touched (the write-ahead of crash-safe
 * rotation), with the credential version it was generated against for the compare-and-swap.
 */
export const migration0005Operations: Migration = {
  id: 5,
  name: 'operations',
  async up(db) {
    await db.schema
      .createTable('operations')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('type', 'text', (c) =>
        c
          .notNull()
          .check(
            sql`type IN ('change_password', 'child_password_change', 'verify', 'reconcile', 'ssh_key_rotation', 'credential_activation', 'credential_inactivation')`,
          ),
      )
      .addColumn('credential_id', 'integer', (c) => c.notNull().references('credentials.id').onDelete('cascade'))
      .addColumn('device_id', 'integer', (c) => c.notNull().references('devices.id').onDelete('cascade'))
      .addColumn('template_id', 'integer', (c) => c.references('templates.id').onDelete('set null'))
      .addColumn('template_version', 'integer')
      .addColumn('requester', 'text', (c) => c.notNull())
      .addColumn('trigger', 'text', (c) => c.notNull())
      .addColumn('parent_operation_id', 'integer', (c) => c.references('operations.id').onDelete('set null'))
      .addColumn('scheduled_at', 'text', (c) => c.notNull())
      .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('state', 'text', (c) =>
        c.notNull().check(sql`state IN ('Scheduled', 'AwaitingApproval', 'Canceled', 'Running', 'Success', 'Error', 'Expired', 'Unverified')`),
      )
      .addColumn('attempts_made', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_expires_at', 'text')
      .addColumn('candidate_secret', 'blob')
      .addColumn('candidate_public_key', 'text')
      .addColumn('base_version', 'integer')
      .addColumn('message', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text')
      .addColumn('finished_at', 'text')
      .execute();
    // The queue's hot path: due operations in claim order. The index carries the exact order of the
    // claim (priority descending, then time and id ascending) so no claim ever sorts the queue.
    await db.schema.createIndex('operations_due').on('operations').columns(['state', 'priority desc', 'next_attempt_at', 'id']).execute();
    await db.schema.createIndex('operations_credential').on('operations').columns(['credential_id', 'state']).execute();
    await db.schema.createIndex('operations_device_running').on('operations').columns(['device_id', 'state']).execute();

    await db.schema
      .createTable('attempts')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('operation_id', 'integer', (c) => c.notNull().references('operations.id').onDelete('cascade'))
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('ended_at', 'text')
      .addColumn('outcome', 'text', (c) => c.check(sql`outcome IS NULL OR outcome IN ('success', 'error', 'unverified', 'interrupted')`))
      .addColumn('transcript', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('error', 'text')
      .addColumn('runner', 'text', (c) => c.notNull())
      .addUniqueConstraint('attempts_number', ['operation_id', 'number'])
      .execute();

    // Trigger bookkeeping on the credential: the first change must be requested by hand (seed 000),
    // and a manual request resets the counters the expiration triggers read.
    await db.schema.alterTable('credentials').addColumn('first_manual_change_at', 'text').execute();
    await db.schema.alterTable('credentials').addColumn('trigger_counters_reset_at', 'text').execute();
    await db.schema.alterTable('credentials').addColumn('needs_human_interaction', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  },
};
