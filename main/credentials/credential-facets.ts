import type { Kysely } from 'kysely';
import type { CredentialFacets, FacetValue } from '../../shared/domain/credential-grid-query';
import type { CredentialFacetCountsTable, CredentialsTables } from './credential-tables';

type Facet = CredentialFacetCountsTable['facet'];

/**
 * Distinct values and counts of live (not archived) credentials for the grid's filter menus. The
 * counts are kept by triggers in credential_facet_counts (migration 0020), so this reads one small
 * table instead of grouping every credential (about 10 s at 1,000,000, on main's only thread).
 * Each menu is ordered by its value, as SQLite orders them; device types by name.
 */
export async function credentialFacets(db: Kysely<CredentialsTables>): Promise<CredentialFacets> {
  const rows = await db
    .selectFrom('credential_facet_counts as f')
    .leftJoin('device_types as t', (join) => join.onRef('t.id', '=', 'f.value').on('f.facet', '=', 'device_type'))
    .select(['f.facet', 'f.value', 'f.count', 't.name as type_name'])
    .where('f.count', '>', 0)
    .orderBy('f.facet')
    .orderBy('f.value')
    .execute();
  const menu = (facet: Facet): FacetValue[] =>
    rows.filter((row) => row.facet === facet).map((row) => ({ value: String(row.value), count: Number(row.count) }));
  const deviceTypes = rows
    .filter((row) => row.facet === 'device_type' && row.type_name !== null)
    .map((row) => ({ value: row.type_name ?? '', count: Number(row.count) }))
    .sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return {
    types: menu('type'),
    domains: menu('domain'),
    tags: menu('tag'),
    device_types: deviceTypes,
    statuses: menu('status'),
    in_sync: menu('in_sync'),
  };
}

/** The dashboard's totals by value, from the same kept counts: live credentials, managed ones, not in sync. */
export async function keptLiveCounts(db: Kysely<CredentialsTables>): Promise<{ total: number; managed: number; notInSync: number }> {
  const rows = await db.selectFrom('credential_facet_counts').select(['facet', 'value', 'count']).where('facet', 'in', ['status', 'automatic_change', 'in_sync']).execute();
  const sum = (keep: (row: (typeof rows)[number]) => boolean) => rows.filter(keep).reduce((total, row) => total + Number(row.count), 0);
  return {
    // Every live credential has a status.
    total: sum((row) => row.facet === 'status'),
    managed: sum((row) => row.facet === 'automatic_change' && Number(row.value) === 1),
    notInSync: sum((row) => row.facet === 'in_sync' && row.value === 'NotInSync'),
  };
}
