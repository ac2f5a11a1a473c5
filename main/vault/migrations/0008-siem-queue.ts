import { sql } from 'kysely';
import type { Migration } from '../migration';

/**
 * SIEM forwarding's outbox: each row is one finished RFC 5424 message waiting for the collector.
 * A failed send keeps the row (attempts and next_attempt_at give the backoff), so a collector that
 * is down loses nothing and blocks nothing. The audit trail itself is the source: the forwarder
 * copies entries past a cursor (kept in meta) into this queue, so the appender never waits on it.
 */
export const migration0008SiemQueue: Migration = {
  id: 8,
  name: 'siem-queue',
  async up(db) {
    await db.schema
      .createTable('siem_queue')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('source', 'text', (c) => c.notNull().check(sql`source IN ('audit', 'attempt')`))
      .addColumn('source_id', 'integer', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('siem_queue_source', ['source', 'source_id'])
      .execute();
    await db.schema.createIndex('siem_queue_due').on('siem_queue').columns(['next_attempt_at', 'id']).execute();
  },
};
