import type { Kysely } from 'kysely';
import type { CredentialFacets, FacetValue } from '../../shared/domain/credential-grid-query';
import type { CredentialFacetCountsTable, CredentialsTables } from './credential-tables';

export type Facet = CredentialFacetCountsTable['facet'];

/** One kept count: a facet's value (for device types, also the type's name) and its live credentials. */
export interface KeptCount {
  readonly facet: Facet;
  readonly value: string | number;
  readonly count: number;
  readonly type_name: string | null;
}

/**
 * The counts of live credentials kept by triggers in credential_facet_counts (migration 0020), for
 * the listed facets (all when none are), ordered by facet and value. Zero rows are skipped. The one
 * reader of that table: the filter menus, the dashboard's totals, the grid's total and its plan.
 */
export async function readKeptCounts(db: Kysely<CredentialsTables>, facets?: readonly Facet[]): Promise<readonly KeptCount[]> {
  let query = db
    .selectFrom('credential_facet_counts as f')
    .leftJoin('device_types as t', (join) => join.onRef('t.id', '=', 'f.value').on('f.facet', '=', 'device_type'))
    .select(['f.facet', 'f.value', 'f.count', 't.name as type_name'])
    .where('f.count', '>', 0);
  if (facets !== undefined) query = query.where('f.facet', 'in', facets);
  const rows = await query.orderBy('f.facet').orderBy('f.value').execute();
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}

/** Every live credential has a status: the sum of the status counts is the number of live credentials. */
export function liveTotalOf(counts: readonly KeptCount[]): number {
  return counts.filter((row) => row.facet === 'status').reduce((total, row) => total + row.count, 0);
}

/** A count's value as the menus and filters name it: a device type by its name, others as stored. */
export function valueName(row: KeptCount): string {
  return row.facet === 'device_type' ? (row.type_name ?? '') : String(row.value);
}

/**
 * Distinct values and counts of live (not archived) credentials for the grid's filter menus: one
 * small table instead of grouping every credential (about 10 s at 1,000,000, on main's only
 * thread). Each menu is ordered by its value, as SQLite orders them; device types by name.
 */
export async function credentialFacets(db: Kysely<CredentialsTables>): Promise<CredentialFacets> {
  const rows = await readKeptCounts(db);
  const menu = (facet: Facet): FacetValue[] => rows.filter((row) => row.facet === facet).map((row) => ({ value: valueName(row), count: row.count }));
  return {
    types: menu('type'),
    domains: menu('domain'),
    tags: menu('tag'),
    device_types: menu('device_type')
      .filter((entry) => entry.value !== '')
      .sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)),
    statuses: menu('status'),
    in_sync: menu('in_sync'),
  };
}

/** The dashboard's totals by value, from the same kept counts: live credentials, managed ones, not in sync. */
export async function keptLiveCounts(db: Kysely<CredentialsTables>): Promise<{ total: number; managed: number; notInSync: number }> {
  const rows = await readKeptCounts(db, ['status', 'automatic_change', 'in_sync']);
  const sum = (keep: (row: KeptCount) => boolean) => rows.filter(keep).reduce((total, row) => total + row.count, 0);
  return {
    total: liveTotalOf(rows),
    managed: sum((row) => row.facet === 'automatic_change' && Number(row.value) === 1),
    notInSync: sum((row) => row.facet === 'in_sync' && row.value === 'NotInSync'),
  };
}
