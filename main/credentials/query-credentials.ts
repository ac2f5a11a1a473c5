import { isArchivedColumn, matchesArchiveFilter } from '../lifecycle/archived';
import { sql, type Kysely, type SqlBool } from 'kysely';
import {
  credentialGridQuerySchema,
  GRID_TOTAL_CAP,
  type CredentialGridPage,
  type CredentialGridQuery,
  type CredentialSortColumn,
} from '../../shared/domain/credential-grid-query';
import { parseTagList } from '../../shared/domain/tag-list';
import { assertNever } from '../../shared/assert-never';
import type { CredentialsTables } from './credential-tables';
import { changedSince, expiredAsOf, lastChangeFailed, lastChangeFailedAmongFailures } from './change-state-predicates';
import { keptLiveCounts } from './credential-facets';
import { countInSlices } from './count-in-slices';
import { credentialsWithDevice } from './credentials-with-device';
import { filtersTestedPerRow, type IndexedFilter } from './filter-walk-plan';
import { dataVersion, type PageAnchors } from './page-anchors';
import { toFtsMatchQuery } from './fts-match-query';
import { deviceWalkOrder, fromDevicesWalk, isLookupColumn, lookupWalks, orderedBy, readWalksInTurn, withDeviceJoins } from './device-walks';
import type { GridIdsQuery, GridQueryBuilder } from './grid-query-builder';
import { isAsciiSearch, SEARCH_ROW_MATCH_FUNCTION, searchPhrases } from './search-row-match';

type ParsedQuery = ReturnType<typeof credentialGridQuerySchema.parse>;

/**
 * How a search narrows the rows: through the FTS index's list of matching ids ('index', best when
 * few match), or by testing each row while walking the sort order ('row', best when many match;
 * needs the device joins and a connection with registerSearchRowMatch).
 */
type SearchBy = 'index' | 'row';

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
 * (device filters as id subqueries), so counting never needs the device joins. With searchBy 'row'
 * the query must have the device joins (aliases d, t, v, m): the search tests the joined columns.
 */
export function applyFilters(
  query: GridQueryBuilder,
  parsed: ParsedQuery,
  searchBy: SearchBy = 'index',
  walkSortIndex = false,
  testedPerRow: ReadonlySet<IndexedFilter> = new Set(),
): GridQueryBuilder {
  let q = query;
  const match = parsed.search === undefined ? undefined : toFtsMatchQuery(parsed.search);
  if (match !== undefined && searchBy === 'index') {
    q = q.where(sql<SqlBool>`c.id in (select rowid from credentials_fts where credentials_fts match ${match})`);
  }
  if (match !== undefined && searchBy === 'row') {
    // The same columns, in the same order, as the FTS row (migration 0002); a row the test cannot
    // answer for (non-ASCII text) is looked up in the FTS index.
    const test = sql`${sql.raw(SEARCH_ROW_MATCH_FUNCTION)}(${parsed.search}, c.identifier, c.username, d.hostname, d.ip, c.tags, c.domain, t.name, v.name, m.name)`;
    q = q.where(sql<SqlBool>`coalesce(${test}, exists (select 1 from credentials_fts where credentials_fts match ${match} and rowid = c.id))`);
  }
  q = q.where(matchesArchiveFilter('c.archived_at', parsed.archived, walkSortIndex));
  const f = parsed.filters;
  if (f === undefined) return q;
  // Unary "+" keeps the value and makes the column unusable as an index key (filter-walk-plan.ts).
  const column = <T = string,>(filter: IndexedFilter, name: string) => (testedPerRow.has(filter) ? sql<T>`+${sql.ref(name)}` : sql<T>`${sql.ref(name)}`);
  if (f.type?.length) q = q.where(column('type', 'c.credential_type'), 'in', f.type);
  if (f.domain?.length) q = q.where(column('domain', 'c.domain'), 'in', f.domain);
  if (f.status?.length) q = q.where(column('status', 'c.status'), 'in', f.status);
  if (f.in_sync?.length) q = q.where(column('in_sync', 'c.in_sync'), 'in', f.in_sync);
  if (f.automatic_change !== undefined) q = q.where('c.automatic_change', '=', f.automatic_change ? 1 : 0);
  if (f.changed_since !== undefined) q = q.where(changedSince(new Date(f.changed_since).toISOString()));
  if (f.expired_as_of !== undefined) q = q.where(expiredAsOf(new Date(f.expired_as_of).toISOString()));
  if (f.last_change_failed !== undefined) q = q.where(f.last_change_failed ? lastChangeFailedAmongFailures() : sql<SqlBool>`not ${lastChangeFailed()}`);
  if (f.tags?.length) {
    const tags = [...new Set(f.tags)];
    q =
      f.tag_match === 'all'
        ? // Every listed tag: the credential's rows among them must cover them all.
          q.where(column<number>('tags', 'c.id'), 'in', (eb) => eb.selectFrom('credential_tags').select('credential_id').where('tag', 'in', tags).groupBy('credential_id').having((h) => h.fn.count('tag').distinct(), '=', tags.length))
        : q.where(column<number>('tags', 'c.id'), 'in', (eb) => eb.selectFrom('credential_tags').select('credential_id').where('tag', 'in', tags));
  }
  if (f.device_type?.length) {
    const types = f.device_type;
    q = q.where(column<number>('device_type', 'c.device_id'), 'in', (eb) =>
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

function hasFilters(parsed: ParsedQuery): boolean {
  const f = parsed.filters;
  if (f === undefined) return false;
  return Boolean(f.type?.length || f.domain?.length || f.status?.length || f.in_sync?.length || f.tags?.length || f.device_type?.length || f.automatic_change !== undefined || f.changed_since !== undefined || f.expired_as_of !== undefined || f.last_change_failed !== undefined);
}

interface Total {
  readonly total: number;
  readonly capped: boolean;
}

const count = (row: { total: number | string | bigint } | undefined): number => Number(row?.total ?? 0);

/**
 * The exact total. A search alone is counted in the FTS index itself, and no search and no filter
 * is the kept live count: both avoid touching every matching credential row.
 */
async function exactTotal(db: Kysely<CredentialsTables>, parsed: ParsedQuery, match: string | undefined): Promise<number> {
  if (!hasFilters(parsed) && parsed.archived !== 'archived') {
    // Every live credential, as the kept counts have it (migration 0020): no walk over the table.
    if (match === undefined) return (await keptLiveCounts(db)).total;
    // The FTS count less the few archived matches (found through the archived_at index).
    // One statement: FTS5 re-reads a broad term's list for every slice of rowids (8 s, not 2 s, for
    // "h" at 1,000,000), so the grid asks for this count only when scrolling reaches the cap.
    const all = count((await sql<{ total: number }>`select count(*) as total from credentials_fts where credentials_fts match ${match}`.execute(db)).rows[0]);
    const archived = await sql<{ total: number }>`select count(*) as total from credentials c where c.archived_at is not null and c.id in (select rowid from credentials_fts where credentials_fts match ${match})`.execute(db);
    return all - count(archived.rows[0]);
  }
  // Filters alone are counted in slices of ids (filters' rows are found by id range); a search's
  // FTS list is read once, as above.
  if (match !== undefined) return count(await applyFilters(db.selectFrom('credentials as c'), parsed).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirst());
  return countInSlices(db, async (first, last) =>
    count(await applyFilters(db.selectFrom('credentials as c'), parsed).where('c.id', '>=', first).where('c.id', '<=', last).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirst()),
  );
}

/**
 * How to search: by the FTS index's list of matches unless more than GRID_TOTAL_CAP live
 * credentials match (then by testing rows, when the connection can). The FTS index is asked for at
 * most cap + (archived credentials) + 1 ids, so the question costs little even for "a".
 */
async function planSearch(db: Kysely<CredentialsTables>, parsed: ParsedQuery, match: string | undefined, rowMatch: boolean): Promise<{ searchBy: SearchBy; broad: boolean }> {
  const search = parsed.search ?? '';
  if (match === undefined || parsed.archived === 'archived' || !rowMatch || !isAsciiSearch(search)) return { searchBy: 'index', broad: false };
  const archived = count(await db.selectFrom('credentials as c').where(isArchivedColumn('c.archived_at')).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirst());
  const limit = GRID_TOTAL_CAP + archived + 1;
  // Found all `limit`: even if every archived credential is among them, more than the cap are live.
  const atLeastLimit = async (query: string) =>
    count((await sql<{ total: number }>`select count(*) as total from (select rowid from credentials_fts where credentials_fts match ${query} limit ${limit})`.execute(db)).rows[0]) >= limit;
  // Single words taken whole match a subset, often enough on their own ("host", "linux"), and
  // cheaply (FTS5 reads one term's list lazily); only when they are not is the prefix query itself
  // counted. Not for phrases ("host-0"): a phrase that never occurs is looked for through every
  // list of its words.
  const words = searchPhrases(search).every((phrase) => phrase.length === 1);
  const broad = (words && (await atLeastLimit(toFtsMatchQuery(search, 'whole word') ?? match))) || (await atLeastLimit(match));
  return { searchBy: broad ? 'row' : 'index', broad };
}

export interface GridQueryOptions {
  /** The connection has registerSearchRowMatch: a search matching most rows may test rows. */
  readonly rowMatch?: boolean;
  /** Ends of pages served on this vault's connection: a deep page seeks from the nearest one. */
  readonly anchors?: PageAnchors;
}

/** Order terms that are never NULL, so a row-value comparison seeks exactly where the walk was. */
const ANCHORABLE_TERMS = new Set(['c.identifier', 'c.username', 'c.credential_type', 'c.status', 'c.in_sync', 'c.automatic_change', 'c.id']);

/**
 * The page's ids in walk order. With anchors, and a walk on terms that are never NULL, the page
 * starts after the nearest page end already served (a keyset seek) and skips only the rows between.
 */
async function readPageIds(
  db: Kysely<CredentialsTables>,
  ordered: GridIdsQuery,
  orderTerms: readonly string[],
  direction: 'asc' | 'desc',
  parsed: ParsedQuery,
  anchors: PageAnchors | undefined,
  queryKey: string,
): Promise<number[]> {
  const seekable = anchors !== undefined && orderTerms.every((term) => ANCHORABLE_TERMS.has(term));
  if (!seekable) return (await ordered.limit(parsed.limit).offset(parsed.offset).execute()).map((row) => row.id);
  const version = await dataVersion(db);
  const anchor = anchors.nearest(queryKey, version, parsed.offset);
  const terms = sql.join(orderTerms.map((term) => sql.ref(term)));
  let query = ordered.select(orderTerms.map((term, index) => sql.ref(term).as(`k${index}`)));
  if (anchor !== undefined) query = query.where(sql<SqlBool>`(${terms}) ${sql.raw(direction === 'asc' ? '>' : '<')} (${sql.join(anchor.key.map((value) => sql`${value}`))})`);
  const rows = (await query.limit(parsed.limit).offset(parsed.offset - (anchor?.offset ?? 0)).execute()) as unknown as Record<string, unknown>[];
  const last = rows.at(-1);
  if (last !== undefined) anchors.record(queryKey, version, { offset: parsed.offset + rows.length, key: orderTerms.map((_, index) => last[`k${index}`]) });
  return rows.map((row) => Number(row['id']));
}

/**
 * One page of the credentials grid: search (FTS5, prefix as-you-type), filters, sort and paging all
 * in SQL, so the renderer never holds more than a page. The page is found in two steps: first the
 * ids in sort order (joining devices only when the sort or a row-tested search needs them), then
 * the columns of just those rows. The ids are read by walking the sort column's index, so a page
 * costs about its own rows, not the vault's, when most credentials match.
 */
export async function queryCredentials(
  db: Kysely<CredentialsTables>,
  query: CredentialGridQuery,
  options: GridQueryOptions = {},
): Promise<CredentialGridPage> {
  const parsed = credentialGridQuerySchema.parse(query);
  const match = parsed.search === undefined ? undefined : toFtsMatchQuery(parsed.search);
  const { searchBy, broad } = await planSearch(db, parsed, match, options.rowMatch === true);

  const sort = parsed.sort ?? { column: 'identifier', direction: 'asc' };
  const joined = needsDeviceJoin(sort.column) || searchBy === 'row';
  const from = (): GridQueryBuilder => (joined ? withDeviceJoins(db.selectFrom('credentials as c')) : db.selectFrom('credentials as c'));

  let total: Total;
  // Everything live is a kept count: exact at no cost, so the grid scrolls the whole vault at once.
  const keptTotal = match === undefined && !hasFilters(parsed) && parsed.archived !== 'archived';
  if (parsed.count === 'exact' || keptTotal) total = { total: await exactTotal(db, parsed, match), capped: false };
  else if (broad && !hasFilters(parsed)) total = { total: GRID_TOTAL_CAP, capped: true };
  else {
    const counted = count(
      await db
        .selectFrom(applyFilters(from(), parsed, searchBy).select(sql<number>`1`.as('one')).limit(GRID_TOTAL_CAP + 1).as('matching'))
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirst(),
    );
    total = counted > GRID_TOTAL_CAP ? { total: GRID_TOTAL_CAP, capped: true } : { total: counted, capped: false };
  }

  // A search answered by the FTS index's short list is cheaper sorted than found by walking every
  // device; any other page walks the devices' index when the sort is on one.
  const walksDevices = match === undefined || searchBy === 'row';
  const deviceWalk = walksDevices ? deviceWalkOrder(sort.column) : undefined;
  const testedPerRow = parsed.archived === 'archived' ? new Set<IndexedFilter>() : await filtersTestedPerRow(db, parsed.filters, parsed.offset + parsed.limit);
  const idsFrom = (rows: GridQueryBuilder): GridIdsQuery => applyFilters(rows, parsed, searchBy, true, testedPerRow).select('c.id');
  let pageIds: number[];
  if (walksDevices && isLookupColumn(sort.column)) {
    const walks = lookupWalks(db, sort.column, sort.direction).map((walk) => orderedBy(idsFrom(walk.from), walk.orderTerms, sort.direction));
    pageIds = await readWalksInTurn(db, walks, parsed.offset, parsed.limit);
  } else {
    // id (last) breaks ties so paging is stable when many rows share a sort value.
    const orderTerms = deviceWalk ?? [sortExpression(sort.column), 'c.id'];
    const ordered = orderedBy(idsFrom(deviceWalk ? fromDevicesWalk(db) : from()), orderTerms, sort.direction);
    pageIds = await readPageIds(db, ordered, orderTerms, sort.direction, parsed, options.anchors, JSON.stringify([parsed.search, parsed.filters, parsed.archived, sort, searchBy, [...testedPerRow].sort()]));
  }
  if (pageIds.length === 0) return { total: total.total, total_capped: total.capped, rows: [] };

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
    total: total.total,
    total_capped: total.capped,
    rows: rows.map((row) => ({
      ...row,
      tags: parseTagList(row.tags),
      automatic_change: row.automatic_change === 1,
    })),
  };
}
