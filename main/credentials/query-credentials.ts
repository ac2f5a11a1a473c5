import { sql, type Expression, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import {
  credentialGridQuerySchema,
  type CredentialGridPage,
  type CredentialGridQuery,
  type CredentialSortColumn,
} from '../../shared/domain/credential-grid-query';
import { parseTagList } from '../../shared/domain/tag-list';
import { assertNever } from '../../shared/assert-never';
import type { CredentialsTables } from './credential-tables';
import { toFtsMatchQuery } from './fts-match-query';

type GridQueryBuilder = SelectQueryBuilder<
  CredentialsTables & { c: CredentialsTables['credentials'] },
  'c',
  object
>;

/** Each sortable column's SQL; every one is backed by an index on credentials or devices. */
function sortExpression(column: CredentialSortColumn): string {
  switch (column) {
    case 'identifier':
    case 'username':
    case 'credential_type':
    case 'domain':
    case 'status':
    case 'automatic_change':
    case 'in_sync':
    case 'last_changed_at':
    case 'next_change_at':
      return `c.${column}`;
    case 'hostname':
      return 'd.hostname';
    case 'ip':
      return 'd.ip';
    case 'device_type':
      return 't.name';
    case 'device_vendor':
      return 'v.name';
    case 'device_model':
      return 'm.name';
    default:
      return assertNever(column);
  }
}

/**
 * The WHERE shared by the page and its total. Filters are written against credentials alone
 * (device filters as id subqueries), so counting never needs the device joins.
 */
function applyFilters(query: GridQueryBuilder, parsed: ReturnType<typeof credentialGridQuerySchema.parse>): GridQueryBuilder {
  let q = query;
  const match = parsed.search === undefined ? undefined : toFtsMatchQuery(parsed.search);
  if (match !== undefined) {
    q = q.where(sql<SqlBool>`c.id in (select rowid from credentials_fts where credentials_fts match ${match})`);
  }
  const f = parsed.filters;
  if (f === undefined) return q;
  if (f.type?.length) q = q.where('c.credential_type', 'in', f.type);
  if (f.domain?.length) q = q.where('c.domain', 'in', f.domain);
  if (f.status?.length) q = q.where('c.status', 'in', f.status);
  if (f.in_sync?.length) q = q.where('c.in_sync', 'in', f.in_sync);
  if (f.automatic_change !== undefined) q = q.where('c.automatic_change', '=', f.automatic_change ? 1 : 0);
  if (f.tags?.length) {
    const tags = f.tags;
    q = q.where('c.id', 'in', (eb) => eb.selectFrom('credential_tags').select('credential_id').where('tag', 'in', tags));
  }
  if (f.device_type?.length) {
    const types = f.device_type;
    q = q.where('c.device_id', 'in', (eb) =>
      eb
        .selectFrom('devices')
        .innerJoin('device_types', 'device_types.id', 'devices.type_id')
        .select('devices.id')
        .where('device_types.name', 'in', types),
    );
  }
  return q;
}

/**
 * One page of the credentials grid: search (FTS5, prefix as-you-type), filters, sort and paging all
 * in SQL, so the renderer never holds more than a page. The total counts every matching row.
 */
export async function queryCredentials(
  db: Kysely<CredentialsTables>,
  query: CredentialGridQuery,
): Promise<CredentialGridPage> {
  const parsed = credentialGridQuerySchema.parse(query);
  const base = applyFilters(db.selectFrom('credentials as c'), parsed);

  const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();

  const sort = parsed.sort ?? { column: 'identifier', direction: 'asc' };
  const direction = sort.direction;
  const rows = await base
    .innerJoin('devices as d', 'd.id', 'c.device_id')
    .leftJoin('device_types as t', 't.id', 'd.type_id')
    .leftJoin('device_vendors as v', 'v.id', 'd.vendor_id')
    .leftJoin('device_models as m', 'm.id', 'd.model_id')
    .select([
      'c.id',
      'c.identifier',
      'c.kind',
      'c.username',
      'd.hostname',
      'd.ip',
      'c.credential_type',
      'c.domain',
      't.name as device_type',
      'v.name as device_vendor',
      'm.name as device_model',
      'c.tags',
      'c.status',
      'c.automatic_change',
      'c.in_sync',
      'c.last_changed_at',
      'c.next_change_at',
    ])
    .orderBy(sql.ref(sortExpression(sort.column)) as Expression<unknown>, direction)
    // id breaks ties so paging is stable when many rows share a sort value.
    .orderBy('c.id', direction)
    .limit(parsed.limit)
    .offset(parsed.offset)
    .execute();

  return {
    total: Number(totalRow.total),
    rows: rows.map((row) => ({
      ...row,
      tags: parseTagList(row.tags),
      automatic_change: row.automatic_change === 1,
    })),
  };
}
