import { sql, type Kysely } from 'kysely';
import type { CredentialFacets, FacetValue } from '../../shared/domain/credential-grid-query';
import { isLive } from '../lifecycle/archived';
import type { CredentialsTables } from './credential-tables';

/**
 * Distinct values and counts for the grid's filter menus, over the live (not archived) credentials. Each is a GROUP BY
 * on an indexed column; it is a separate call from queryCredentials because the menus change
 * rarely and need not be recomputed on every scroll.
 */
export async function credentialFacets(db: Kysely<CredentialsTables>): Promise<CredentialFacets> {
  const group = async (column: 'credential_type' | 'domain' | 'status' | 'in_sync'): Promise<readonly FacetValue[]> => {
    const rows = await db
      .selectFrom('credentials')
      .select([sql<string>`${sql.ref(column)}`.as('value'), (eb) => eb.fn.countAll<number>().as('count')])
      .where(column, 'is not', null)
      .where(isLive('archived_at'))
      .groupBy(column)
      .orderBy(column)
      .execute();
    return rows.map((r) => ({ value: r.value, count: Number(r.count) }));
  };
  const tags = await db
    .selectFrom('credential_tags')
    .select(['tag as value', (eb) => eb.fn.countAll<number>().as('count')])
    .where('credential_id', 'in', (eb) => eb.selectFrom('credentials as c').select('c.id').where(isLive('c.archived_at')))
    .groupBy('tag')
    .orderBy('tag')
    .execute();
  const deviceTypes = await db
    .selectFrom('credentials as c')
    .innerJoin('devices as d', 'd.id', 'c.device_id')
    .innerJoin('device_types as t', 't.id', 'd.type_id')
    .select(['t.name as value', (eb) => eb.fn.countAll<number>().as('count')])
    .where(isLive('c.archived_at'))
    .groupBy('t.name')
    .orderBy('t.name')
    .execute();
  const numeric = (rows: readonly { value: string; count: number }[]) =>
    rows.map((r) => ({ value: r.value, count: Number(r.count) }));
  return {
    types: await group('credential_type'),
    domains: await group('domain'),
    tags: numeric(tags),
    device_types: numeric(deviceTypes),
    statuses: await group('status'),
    in_sync: await group('in_sync'),
  };
}
