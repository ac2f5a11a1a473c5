import { sql, type Kysely } from 'kysely';
import type { AuditFilter, AuditListEntry } from '../../shared/contract/audit';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { actionPrefixOf, auditQuery, toAuditView } from './audit-query';

export interface AuditPage {
  readonly limit: number;
  /** Entries older than this id (paging backwards from the newest). */
  readonly beforeId?: number | undefined;
}

/**
 * A prefix matching more actions than this is searched as one range instead (see auditListQuery):
 * the trail has a few dozen action names, so only a prefix like "c" gets there.
 */
const MAX_ACTION_ARMS = 32;

/**
 * One page of the trail, newest first, with each object's name resolved in the same query: the
 * page is cut first (filters, order, limit), then joined to users, credentials, devices, templates
 * and policies by primary key, so a page of 200 entries is one statement, not 200 look-ups. Ids
 * stored as text are cast to integers for the numeric tables so those joins use the rowid.
 */
export async function listAuditEntries(db: Kysely<VaultDatabase>, filter: AuditFilter, page: AuditPage): Promise<AuditListEntry[]> {
  const actions = filter.action ? await actionsWithPrefix(db, actionPrefixOf(filter.action)) : undefined;
  if (actions?.length === 0) return [];
  const rows = await auditListQuery(db, filter, page, actions).execute();
  return rows.map((row) => ({
    ...toAuditView(row),
    objectName: row.user_name ?? row.credential_identifier ?? row.device_hostname ?? row.template_name ?? row.policy_name ?? null,
    signer: row.signer,
  }));
}

/**
 * The distinct actions (as lower(action)) starting with `prefix`, one seek each on audit_log_action;
 * undefined when there are more than MAX_ACTION_ARMS.
 */
export async function actionsWithPrefix(db: Kysely<VaultDatabase>, prefix: string): Promise<readonly string[] | undefined> {
  const found: string[] = [];
  const next = (after: string | undefined) =>
    db
      .selectFrom('audit_log')
      .select(sql<string>`lower(action)`.as('action'))
      .where(sql`lower(action)`, after === undefined ? '>=' : '>', after ?? prefix)
      .orderBy(sql`lower(action)`)
      .limit(1)
      .executeTakeFirst();
  for (let row = await next(undefined); row !== undefined && row.action.startsWith(prefix); row = await next(row.action)) {
    if (found.length === MAX_ACTION_ARMS) return undefined;
    found.push(row.action);
  }
  return found;
}

/**
 * The statement behind listAuditEntries (exported so its query plan can be checked). The page's
 * ids are found first, from the indexes alone where they cover the filter (sorting a month of one
 * actor's ids is cheap; sorting their whole rows was not), then the rows are read by id. Given
 * the actions an action prefix matches, each action is its own arm (its newest page, in id order
 * through the action's index) and the arms are merged: a prefix over several actions as one range
 * makes SQLite sort every matching entry (half the trail for "credential.") to find the newest page.
 */
export function auditListQuery(db: Kysely<VaultDatabase>, filter: AuditFilter, page: AuditPage, actions?: readonly string[]) {
  const newest = (only: AuditFilter, exactAction?: string) => {
    let q = auditQuery(db, only).select('id');
    if (exactAction !== undefined) q = q.where(sql`lower(action)`, '=', exactAction);
    if (page.beforeId !== undefined) q = q.where('id', '<', page.beforeId);
    return db.selectFrom(q.orderBy('id', 'desc').limit(page.limit).as('arm')).select('id');
  };
  const { action: _prefix, ...others } = filter;
  const [first, ...rest] = actions === undefined ? [newest(filter)] : actions.map((one) => newest(others, one));
  if (first === undefined) throw new Error('An audit search needs at least one action to look for.');
  const ids = rest.length === 0 ? first : db.selectFrom(rest.reduce((all, arm) => all.unionAll(arm), first).as('arms')).select('id').orderBy('id', 'desc').limit(page.limit);
  const numericId = sql<number>`cast(e.object_id as integer)`;
  return db
    .selectFrom(ids.as('page'))
    // CROSS JOIN: SQLite keeps the page (200 ids) as the outer loop. As an inner join it may scan
    // the whole trail and look each entry up in the page instead (it did, for the unfiltered list).
    .crossJoin('audit_log as e')
    .whereRef('e.id', '=', 'page.id')
    .leftJoin('users', (join) => join.onRef('users.id', '=', 'e.object_id').on('e.object_type', '=', 'user'))
    .leftJoin('credentials', (join) => join.on('credentials.id', '=', numericId).on('e.object_type', '=', 'credential'))
    .leftJoin('devices', (join) => join.on('devices.id', '=', numericId).on('e.object_type', '=', 'device'))
    .leftJoin('templates', (join) => join.on('templates.id', '=', numericId).on('e.object_type', '=', 'template'))
    .leftJoin('password_policies', (join) => join.on('password_policies.id', '=', numericId).on('e.object_type', '=', 'policy'))
    .selectAll('e')
    .select(['users.username as user_name', 'credentials.identifier as credential_identifier', 'devices.hostname as device_hostname', 'templates.name as template_name', 'password_policies.name as policy_name'])
    .orderBy('e.id', 'desc');
}
