import { sql, type Kysely } from 'kysely';
import type { AuditFilter, AuditListEntry } from '../../shared/contract/audit';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { auditQuery, toAuditView } from './audit-query';

export interface AuditPage {
  readonly limit: number;
  /** Entries older than this id (paging backwards from the newest). */
  readonly beforeId?: number | undefined;
}

/**
 * One page of the trail, newest first, with each object's name resolved in the same query: the
 * page is cut first (filters, order, limit), then joined to users, credentials, devices, templates
 * and policies by primary key, so a page of 200 entries is one statement, not 200 look-ups. Ids
 * stored as text are cast to integers for the numeric tables so those joins use the rowid.
 */
export async function listAuditEntries(db: Kysely<VaultDatabase>, filter: AuditFilter, page: AuditPage): Promise<AuditListEntry[]> {
  const rows = await auditListQuery(db, filter, page).execute();
  return rows.map((row) => ({
    ...toAuditView(row),
    objectName: row.user_name ?? row.credential_identifier ?? row.device_hostname ?? row.template_name ?? row.policy_name ?? null,
    signer: row.signer,
  }));
}

/** The statement behind listAuditEntries (exported so its query plan can be checked). */
export function auditListQuery(db: Kysely<VaultDatabase>, filter: AuditFilter, page: AuditPage) {
  let entries = auditQuery(db, filter).selectAll().orderBy('id', 'desc').limit(page.limit);
  if (page.beforeId !== undefined) entries = entries.where('id', '<', page.beforeId);
  const numericId = sql<number>`cast(e.object_id as integer)`;
  return db
    .selectFrom(entries.as('e'))
    .leftJoin('users', (join) => join.onRef('users.id', '=', 'e.object_id').on('e.object_type', '=', 'user'))
    .leftJoin('credentials', (join) => join.on('credentials.id', '=', numericId).on('e.object_type', '=', 'credential'))
    .leftJoin('devices', (join) => join.on('devices.id', '=', numericId).on('e.object_type', '=', 'device'))
    .leftJoin('templates', (join) => join.on('templates.id', '=', numericId).on('e.object_type', '=', 'template'))
    .leftJoin('password_policies', (join) => join.on('password_policies.id', '=', numericId).on('e.object_type', '=', 'policy'))
    .selectAll('e')
    .select(['users.username as user_name', 'credentials.identifier as credential_identifier', 'devices.hostname as device_hostname', 'templates.name as template_name', 'password_policies.name as policy_name'])
    .orderBy('e.id', 'desc');
}
