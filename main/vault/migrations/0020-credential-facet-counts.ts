import { sql } from 'kysely';
import type { Migration } from '../migration';

/**
 * The grid's filter menus (types, domains, statuses, sync states, tags, device types, each value
 * with its count of live credentials) and the dashboard's totals were GROUP BYs over every credential: at 1,000,000
 * credentials about 10 s of main's only thread, so the first page of the grid waited behind them.
 * The counts are now kept by triggers in credential_facet_counts, in the same transaction as the
 * change that moves them, and reading the menus is one small table.
 *
 * Live is "archived_at IS NULL", the rule of main/lifecycle/archived.ts, written out here because a
 * migration is a fixed step: a later change of that rule needs its own migration of these triggers.
 *
 * What the triggers rely on (SQLite's order, checked by test/main/credentials/facet-counts.test.ts):
 * a credential's BEFORE DELETE still sees its credential_tags rows; the cascade that then deletes
 * those rows no longer sees the credential, so credential_tags' own triggers skip it (no double
 * count). Devices cannot be deleted while credentials use them (ON DELETE RESTRICT). Values keep
 * their column's type (no affinity on `value`); a device type is kept by id, its name read at query
 * time, so a renamed type needs no trigger. automatic_change is generated from execution_settings,
 * so edits are seen through that column. Zero rows may remain; readers skip them.
 */
const FACET_OF_COLUMN = [
  ['type', 'credential_type'],
  ['domain', 'domain'],
  ['status', 'status'],
  ['in_sync', 'in_sync'],
  // Not a menu: the dashboard's "managed" figure (0 or 1, generated from execution_settings).
  ['automatic_change', 'automatic_change'],
] as const;

const bump = (facet: string, value: string, by: 1 | -1, when = 'true') =>
  `INSERT INTO credential_facet_counts(facet, value, count) SELECT '${facet}', ${value}, ${by} WHERE ${value} IS NOT NULL AND ${when}
     ON CONFLICT(facet, value) DO UPDATE SET count = count + (${by});`;

/**
 * The scalar facets and the device type of one credential row (`row`: new or old), in one
 * statement: a trigger's cost is mostly per statement, and one upsert of five values costs about
 * what one of one value does.
 */
const rowFacets = (row: 'new' | 'old', by: 1 | -1, when = 'true') =>
  `INSERT INTO credential_facet_counts(facet, value, count)
     SELECT facet, value, ${by} FROM (${[
       ...FACET_OF_COLUMN.map(([facet, column]) => `SELECT '${facet}' AS facet, ${row}.${column} AS value`),
       `SELECT 'device_type' AS facet, (SELECT type_id FROM devices WHERE id = ${row}.device_id) AS value`,
     ].join(' UNION ALL ')})
     WHERE value IS NOT NULL AND ${when}
     ON CONFLICT(facet, value) DO UPDATE SET count = count + (${by});`;

/** Every tag of one credential, from credential_tags. */
const rowTags = (row: 'new' | 'old', by: 1 | -1) =>
  `INSERT INTO credential_facet_counts(facet, value, count) SELECT 'tag', tag, ${by} FROM credential_tags WHERE credential_id = ${row}.id
     ON CONFLICT(facet, value) DO UPDATE SET count = count + (${by});`;

const liveParent = (row: 'new' | 'old') => `EXISTS (SELECT 1 FROM credentials WHERE id = ${row}.credential_id AND archived_at IS NULL)`;

export const FACET_TRIGGERS = [
  `CREATE TRIGGER credential_facets_ai AFTER INSERT ON credentials WHEN new.archived_at IS NULL BEGIN
     ${rowFacets('new', 1)}
   END`,
  `CREATE TRIGGER credential_facets_bd BEFORE DELETE ON credentials WHEN old.archived_at IS NULL BEGIN
     ${rowFacets('old', -1)}
     ${rowTags('old', -1)}
   END`,
  // Old values out, new ones in: an edit, a move to another device, archiving (new not live) or
  // restoring (old not live). Tags follow liveness here; their own edits go through credential_tags.
  `CREATE TRIGGER credential_facets_au AFTER UPDATE OF credential_type, domain, status, in_sync, execution_settings, device_id, archived_at ON credentials BEGIN
     ${rowFacets('old', -1, 'old.archived_at IS NULL')}
     ${rowFacets('new', 1, 'new.archived_at IS NULL')}
   END`,
  `CREATE TRIGGER credential_facets_archive AFTER UPDATE OF archived_at ON credentials
     WHEN (old.archived_at IS NULL) <> (new.archived_at IS NULL) BEGIN
     INSERT INTO credential_facet_counts(facet, value, count)
       SELECT 'tag', tag, CASE WHEN new.archived_at IS NULL THEN 1 ELSE -1 END FROM credential_tags WHERE credential_id = new.id
       ON CONFLICT(facet, value) DO UPDATE SET count = count + excluded.count;
   END`,
  `CREATE TRIGGER credential_facets_tag_ai AFTER INSERT ON credential_tags WHEN ${liveParent('new')} BEGIN
     ${bump('tag', 'new.tag', 1)}
   END`,
  `CREATE TRIGGER credential_facets_tag_ad AFTER DELETE ON credential_tags WHEN ${liveParent('old')} BEGIN
     ${bump('tag', 'old.tag', -1)}
   END`,
  `CREATE TRIGGER credential_facets_tag_au AFTER UPDATE ON credential_tags BEGIN
     ${bump('tag', 'old.tag', -1, liveParent('old'))}
     ${bump('tag', 'new.tag', 1, liveParent('new'))}
   END`,
  // A device's new type moves its live credentials' count from the old type to the new one.
  `CREATE TRIGGER credential_facets_device_type AFTER UPDATE OF type_id ON devices WHEN old.type_id IS NOT new.type_id BEGIN
     INSERT INTO credential_facet_counts(facet, value, count)
       SELECT 'device_type', old.type_id, -count(*) FROM credentials WHERE device_id = new.id AND archived_at IS NULL AND old.type_id IS NOT NULL HAVING count(*) > 0
       ON CONFLICT(facet, value) DO UPDATE SET count = count + excluded.count;
     INSERT INTO credential_facet_counts(facet, value, count)
       SELECT 'device_type', new.type_id, count(*) FROM credentials WHERE device_id = new.id AND archived_at IS NULL AND new.type_id IS NOT NULL HAVING count(*) > 0
       ON CONFLICT(facet, value) DO UPDATE SET count = count + excluded.count;
   END`,
] as const;

export const migration0020CredentialFacetCounts: Migration = {
  id: 20,
  name: 'credential-facet-counts',
  async up(db) {
    await sql`CREATE TABLE credential_facet_counts (
      facet TEXT NOT NULL CHECK (facet IN ('type', 'domain', 'status', 'in_sync', 'automatic_change', 'tag', 'device_type')),
      value NOT NULL,
      count INTEGER NOT NULL,
      PRIMARY KEY (facet, value)
    ) WITHOUT ROWID`.execute(db);
    // Filled once from the rows as they are (the GROUP BYs the menus used to run), then kept.
    for (const [facet, column] of FACET_OF_COLUMN) {
      await sql
        .raw(`INSERT INTO credential_facet_counts(facet, value, count) SELECT '${facet}', ${column}, count(*) FROM credentials WHERE ${column} IS NOT NULL AND archived_at IS NULL GROUP BY ${column}`)
        .execute(db);
    }
    await sql`INSERT INTO credential_facet_counts(facet, value, count)
      SELECT 'tag', t.tag, count(*) FROM credential_tags t JOIN credentials c ON c.id = t.credential_id WHERE c.archived_at IS NULL GROUP BY t.tag`.execute(db);
    await sql`INSERT INTO credential_facet_counts(facet, value, count)
      SELECT 'device_type', d.type_id, count(*) FROM credentials c JOIN devices d ON d.id = c.device_id
      WHERE c.archived_at IS NULL AND d.type_id IS NOT NULL GROUP BY d.type_id`.execute(db);
    for (const trigger of FACET_TRIGGERS) await sql.raw(trigger).execute(db);
  },
};
