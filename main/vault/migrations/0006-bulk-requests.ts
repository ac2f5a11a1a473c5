import { sql } from 'kysely';
import type { Migration } from '../migration';

/**
 * Bulk actions with four-eyes approval (seed 001): the request, each approver's decision with its
 * justification, and one task per credential carrying the From/To computed when it was requested,
 * so the approver approves exactly what the report shows.
 */
export const migration0006BulkRequests: Migration = {
  id: 6,
  name: 'bulk-requests',
  async up(db) {
    await db.schema
      .createTable('bulk_requests')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('action', 'text', (c) => c.notNull().check(sql`action IN ('edit', 'enable', 'disable', 'expire')`))
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('requested_by_user_id', 'text', (c) => c.notNull())
      .addColumn('requested_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) =>
        c.notNull().check(sql`state IN ('Pending approval', 'Running', 'Success', 'Error', 'Canceled', 'Expired', 'Rejected')`),
      )
      .addColumn('changes', 'text')
      .addColumn('credential_count', 'integer', (c) => c.notNull())
      .addColumn('decided_at', 'text')
      .addColumn('applied_at', 'text')
      .addColumn('message', 'text')
      .execute();
    // Expiring stale requests and the approvers' badge both look for undecided requests by expiry.
    await db.schema.createIndex('bulk_requests_state').on('bulk_requests').columns(['state', 'expires_at']).execute();
    await db.schema.createIndex('bulk_requests_requester').on('bulk_requests').columns(['requested_by_user_id', 'id']).execute();

    await db.schema
      .createTable('bulk_decisions')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('request_id', 'integer', (c) => c.notNull().references('bulk_requests.id').onDelete('cascade'))
      .addColumn('approver', 'text', (c) => c.notNull())
      .addColumn('approver_user_id', 'text', (c) => c.notNull())
      .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision IN ('approve', 'reject')`))
      .addColumn('justification', 'text', (c) => c.notNull().check(sql`length(trim(justification)) > 0`))
      .addColumn('decided_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('bulk_decisions_request').on('bulk_decisions').column('request_id').execute();

    await db.schema
      .createTable('bulk_tasks')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('request_id', 'integer', (c) => c.notNull().references('bulk_requests.id').onDelete('cascade'))
      // No foreign key on purpose: the report outlives a deleted credential, and an approval of a
      // request whose credential vanished must fail visibly rather than lose the task.
      .addColumn('credential_id', 'integer', (c) => c.notNull())
      .addColumn('identifier', 'text', (c) => c.notNull())
      .addColumn('from_values', 'text', (c) => c.notNull())
      .addColumn('to_values', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('pending', 'success', 'error', 'skipped')`))
      .addColumn('message', 'text')
      .addUniqueConstraint('bulk_tasks_credential', ['request_id', 'credential_id'])
      .execute();
  },
};
