import { sql, type Expression, type Kysely } from 'kysely';
import type { CredentialSortColumn } from '../../shared/domain/credential-grid-query';
import type { CredentialsTables } from './credential-tables';
import type { GridIdsQuery, GridQueryBuilder } from './grid-query-builder';

/**
 * Sorts on a device column walk devices through an index in the sort's order, each device's
 * credentials then read through (device_id): a page costs its rows. Joined from credentials,
 * SQLite sorted every matching credential first (1.7-2.9 s a page at 1,000,000).
 */

/** The device lookups the grid shows, each with its alias in grid queries and its devices column. */
const LOOKUPS = {
  device_type: { table: 'device_types', alias: 't', key: 'type_id' },
  device_vendor: { table: 'device_vendors', alias: 'v', key: 'vendor_id' },
  device_model: { table: 'device_models', alias: 'm', key: 'model_id' },
} as const;
type LookupColumn = keyof typeof LOOKUPS;

/**
 * Sorts that walk the devices' own index ((hostname, ip) unique, or ip). The trailing terms make
 * the walk's order the whole order (a device's credentials by id).
 */
const DEVICE_WALK_ORDER: Partial<Record<CredentialSortColumn, readonly string[]>> = {
  hostname: ['d.hostname', 'd.ip', 'c.id'],
  ip: ['d.ip', 'd.id', 'c.id'],
};

export function deviceWalkOrder(column: CredentialSortColumn): readonly string[] | undefined {
  return DEVICE_WALK_ORDER[column];
}

function joinLookups(query: GridQueryBuilder, except?: LookupColumn): GridQueryBuilder {
  let q = query as unknown as GridQueryBuilder & { leftJoin(table: string, left: string, right: string): GridQueryBuilder };
  for (const [column, { table, alias, key }] of Object.entries(LOOKUPS)) {
    if (column !== except) q = q.leftJoin(`${table} as ${alias}`, `${alias}.id`, `d.${key}`) as typeof q;
  }
  return q;
}

/** Devices first: CROSS JOIN keeps that loop order in SQLite (it never reorders a CROSS JOIN). */
export function fromDevicesWalk(db: Kysely<CredentialsTables>): GridQueryBuilder {
  return joinLookups(db.selectFrom('devices as d').crossJoin('credentials as c').whereRef('c.device_id', '=', 'd.id') as unknown as GridQueryBuilder);
}

export function isLookupColumn(column: CredentialSortColumn): column is LookupColumn {
  return column in LOOKUPS;
}

/** One walk of a lookup sort: its rows (to filter and select from) and the order it reads them in. */
export interface LookupWalk {
  readonly from: GridQueryBuilder;
  readonly orderTerms: readonly string[];
}

/**
 * A sort by type, vendor or model as two walks read in turn: the devices without one, by hostname
 * (SQLite puts NULL first ascending, last descending), and the names in order (the lookup's unique
 * name index), each name's devices by hostname (migration 0022's (key, hostname, ip) index). Rows
 * with the same name are thus in hostname order, which is what an operator scanning a type expects.
 */
export function lookupWalks(db: Kysely<CredentialsTables>, column: LookupColumn, direction: 'asc' | 'desc'): readonly LookupWalk[] {
  const { table, alias, key } = LOOKUPS[column];
  const unnamed: LookupWalk = {
    from: fromDevicesWalk(db).where(sql.ref(`d.${key}`), 'is', null),
    orderTerms: ['d.hostname', 'd.ip', 'c.id'],
  };
  const names = db
    .selectFrom(`${table} as ${alias}` as 'device_types as t')
    .crossJoin('devices as d')
    .where(sql.ref(`d.${key}`), '=', sql.ref(`${alias}.id`))
    .crossJoin('credentials as c')
    .whereRef('c.device_id', '=', 'd.id');
  const named: LookupWalk = {
    from: joinLookups(names as unknown as GridQueryBuilder, column),
    orderTerms: [`${alias}.name`, 'd.hostname', 'd.ip', 'c.id'],
  };
  return direction === 'asc' ? [unnamed, named] : [named, unnamed];
}

/** Orders an ids query by its walk's terms, every term in the sort's direction. */
export function orderedBy(query: GridIdsQuery, orderTerms: readonly string[], direction: 'asc' | 'desc'): GridIdsQuery {
  let ordered = query;
  for (const term of orderTerms) ordered = ordered.orderBy(sql.ref(term) as Expression<unknown>, direction);
  return ordered;
}

/**
 * A page over walks read one after another: each is asked for what the page still needs past what
 * is skipped. A walk that has nothing past the skip is counted, so the next skips only the rest:
 * the count costs at most the rows the skip would have read anyway.
 */
export async function readWalksInTurn(db: Kysely<CredentialsTables>, walks: readonly GridIdsQuery[], offset: number, limit: number): Promise<number[]> {
  const ids: number[] = [];
  let skip = offset;
  for (const walk of walks) {
    if (ids.length >= limit) break;
    const rows = await walk.limit(limit - ids.length).offset(skip).execute();
    if (rows.length > 0) {
      ids.push(...rows.map((row) => row.id));
      skip = 0;
      continue;
    }
    // Nothing to skip and nothing found: the walk is empty, and the next starts at its beginning.
    if (skip === 0) continue;
    const counted = await db.selectFrom(walk.clearOrderBy().as('w')).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirst();
    skip = Math.max(0, skip - Number(counted?.total ?? 0));
  }
  return ids;
}

/** Credentials with their device and its lookups (aliases d, t, v, m), for sorts and row-tested searches. */
export function withDeviceJoins(query: GridQueryBuilder): GridQueryBuilder {
  return joinLookups(query.innerJoin('devices as d', 'd.id', 'c.device_id') as unknown as GridQueryBuilder);
}
