import { isLive, matchesArchiveFilter } from '../lifecycle/archived';
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
import { changedSince, expiredAsOf, lastChangeFailed } from './change-state-predicates';
import { credentialsWithDevice } from './credentials-with-device';
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
export function applyFilters(query: GridQueryBuilder, parsed: ReturnType<typeof credentialGridQuerySchema.parse>): GridQueryBuilder {
  let q = query;
  const match = parsed.search === undefined ? undefined : toFtsMatchQuery(parsed.search);
  if (match !== undefined) {
    q = q.where(sql<SqlBool>`c.id in (select rowid from credentials_fts where credentials_fts match ${match})`);
  }
  q = q.where(matchesArchiveFilter('c.archived_at', parsed.archived));
  const f = parsed.filters;
  if (f === undefined) return q;
  if (f.type?.length) q = q.where('c.credential_type', 'in', f.type);
  if (f.domain?.length) q = q.where('c.domain', 'in', f.domain);
  if (f.status?.length) q = q.where('c.status', 'in', f.status);
  if (f.in_sync?.length) q = q.where('c.in_sync', 'in', f.in_sync);
  if (f.automatic_change !== undefined) q = q.where('c.automatic_change', '=', f.automatic_change ? 1 : 0);
  if (f.changed_since !== undefined) q = q.where(changedSince(new Date(f.changed_since).toISOString()));
  if (f.expired_as_of !== undefined) q = q.where(expiredAsOf(new Date(f.expired_as_of).toISOString()));
  if (f.last_change_failed !== undefined) q = q.where(f.last_change_failed ? lastChangeFailed() : sql<SqlBool>`not ${lastChangeFailed()}`);
  if (f.tags?.length) {
    const tags = [...new Set(f.tags)];
    q =
      f.tag_match === 'all'
        ? // Every listed tag: the credential's rows among them must cover them all.
          q.where('c.id', 'in', (eb) => eb.selectFrom('credential_tags').select('credential_id').where('tag', 'in', tags).groupBy('credential_id').having((h) => h.fn.count('tag').distinct(), '=', tags.length))
        : q.where('c.id', 'in', (eb) => eb.selectFrom('credential_tags').select('credential_id').where('tag', 'in', tags));
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

/** Sort columns that live on the device or its lookups: only these need the joins to order by. */
function needsDeviceJoin(column: CredentialSortColumn): boolean {
  return column === 'hostname' || column === 'ip' || column === 'device_type' || column === 'device_vendor' || column === 'device_model';
}

function hasFilters(parsed: ReturnType<typeof credentialGridQuerySchema.parse>): boolean {
  const f = parsed.filters;
  if (f === undefined) return false;
  return Boolean(f.type?.length || f.domain?.length || f.status?.length || f.in_sync?.length || f.tags?.length || f.device_type?.length || f.automatic_change !== undefined || f.changed_since !== undefined || f.expired_as_of !== undefined || f.last_change_failed !== undefined);
}

/**
 * The total. A search alone is counted in the FTS index itself, and no search and no filter is the
 * table's count: both avoid touching every matching credential row, which is what made a one-letter
 * search slow at 100,000 credentials.
 */
async function countMatches(db: Kysely<CredentialsTables>, parsed: ReturnType<typeof credentialGridQuerySchema.parse>): Promise<number> {
  const match = parsed.search === undefined ? undefined : toFtsMatchQuery(parsed.search);
  if (!hasFilters(parsed) && parsed.archived !== 'archived') {
    if (match === undefined) {
      const row = await db.selectFrom('credentials as c').where(isLive('c.archived_at')).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
      return Number(row.total);
    }
    // The FTS count less the few archived matches (found through the archived_at index).
    const all = await sql<{ total: number }>`select count(*) as total from credentials_fts where credentials_fts match ${match}`.execute(db).then((r) => r.rows[0] ?? { total: 0 });
    const archived = await sql<{ total: number }>`select count(*) as total from credentials c where c.archived_at is not null and c.id in (select rowid from credentials_fts where credentials_fts match ${match})`.execute(db).then((r) => r.rows[0] ?? { total: 0 });
    return Number(all.total) - Number(archived.total);
  }
  const row = await applyFilters(db.selectFrom('credentials as c'), parsed)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/**
 * One page of the credentials grid: search (FTS5, prefix as-you-type), filters, sort and paging all
 * in SQL, so the renderer never holds more than a page. The page is found in two steps: first the
 * ids in sort order (joining devices only when the sort needs them), then the columns of just those
 * rows, so a search matching most of the vault sorts ids, not fully joined rows.
 */
export async function queryCredentials(
  db: Kysely<CredentialsTables>,
  query: CredentialGridQuery,
): Promise<CredentialGridPage> {
  const parsed = credentialGridQuerySchema.parse(query);
  const total = await countMatches(db, parsed);

  const sort = parsed.sort ?? { column: 'identifier', direction: 'asc' };
  const direction = sort.direction;
  const order = sql.ref(sortExpression(sort.column)) as Expression<unknown>;
  let ids = applyFilters(db.selectFrom('credentials as c'), parsed);
  if (needsDeviceJoin(sort.column)) {
    ids = ids
      .innerJoin('devices as d', 'd.id', 'c.device_id')
      .leftJoin('device_types as t', 't.id', 'd.type_id')
      .leftJoin('device_vendors as v', 'v.id', 'd.vendor_id')
      .leftJoin('device_models as m', 'm.id', 'd.model_id') as unknown as GridQueryBuilder;
  }
  const pageIds = (
    await ids
      .select('c.id')
      .orderBy(order, direction)
      // id breaks ties so paging is stable when many rows share a sort value.
      .orderBy('c.id', direction)
      .limit(parsed.limit)
      .offset(parsed.offset)
      .execute()
  ).map((row) => row.id);
  if (pageIds.length === 0) return { total, rows: [] };

  const rows = await credentialsWithDevice(db)
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
    .where('c.id', 'in', pageIds)
    .execute();
  const position = new Map(pageIds.map((id, index) => [id, index]));
  rows.sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));

  return {
    total,
    rows: rows.map((row) => ({
      ...row,
      tags: parseTagList(row.tags),
      automatic_change: row.automatic_change === 1,
    })),
  };
}
