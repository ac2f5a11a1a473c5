import { sql } from 'kysely';
import type { Migration } from '../migration';

/**
 * credential_facets_au (migration 0020) took every facet of the old row out and every facet of the
 * new row in, for any update that named one of its columns: a bulk edit of 100,000 credentials that
 * changed only their type still made twelve upserts per row (1.7 s of the approval). It now runs
 * only when a counted value or the row's liveness changed, and moves only the facets whose value
 * changed (all of them when the row was archived or restored). Same counts, as
 * test/main/credentials/facet-counts.test.ts checks against GROUP BYs after every write.
 *
 * Live is "archived_at IS NULL" (main/lifecycle/archived.ts), written out as 0020 does.
 */
const COUNTED = [
  ['type', 'credential_type'],
  ['domain', 'domain'],
  ['status', 'status'],
  ['in_sync', 'in_sync'],
  ['automatic_change', 'automatic_change'],
] as const;

const LIVENESS_CHANGED = '(old.archived_at IS NULL) <> (new.archived_at IS NULL)';
const deviceType = (row: 'old' | 'new') => `(SELECT type_id FROM devices WHERE id = ${row}.device_id)`;

/** Each facet as (name, old value, new value, whether it moved). */
const FACETS: readonly (readonly [string, string, string, string])[] = [
  ...COUNTED.map(([facet, column]) => [facet, `old.${column}`, `new.${column}`, `old.${column} IS NOT new.${column}`] as const),
  // A move to another device may change the device type; the same device keeps it.
  ['device_type', deviceType('old'), deviceType('new'), 'old.device_id IS NOT new.device_id'],
];

const moves = FACETS.flatMap(([facet, was, now, moved]) => [
  `SELECT '${facet}' AS facet, ${was} AS value, -1 AS delta, old.archived_at IS NULL AND (${moved} OR ${LIVENESS_CHANGED}) AS counted`,
  `SELECT '${facet}', ${now}, 1, new.archived_at IS NULL AND (${moved} OR ${LIVENESS_CHANGED})`,
]).join('\n         UNION ALL ');

const anyCountedChange = [...FACETS.map(([, , , moved]) => moved), LIVENESS_CHANGED].join(' OR ');

export const FACETS_AU_CHANGED_ONLY = `CREATE TRIGGER credential_facets_au AFTER UPDATE OF credential_type, domain, status, in_sync, execution_settings, device_id, archived_at ON credentials
   WHEN ${anyCountedChange} BEGIN
     INSERT INTO credential_facet_counts(facet, value, count)
       SELECT facet, value, delta FROM (
         ${moves}
       ) WHERE counted AND value IS NOT NULL
       ON CONFLICT(facet, value) DO UPDATE SET count = count + excluded.count;
   END`;

export const migration0023FacetCountsChangedOnly: Migration = {
  id: 23,
  name: 'facet-counts-changed-only',
  async up(db) {
    await sql`DROP TRIGGER credential_facets_au`.execute(db);
    await sql.raw(FACETS_AU_CHANGED_ONLY).execute(db);
  },
};
