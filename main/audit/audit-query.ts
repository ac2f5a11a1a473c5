import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { AuditEntryView, AuditFilter } from '../../shared/contract/audit';
import type { AuditLogTable, VaultDatabase } from '../vault/database/vault-schema';
import type { JsonValue } from './json-value';
import { redactSecrets } from './redact-secrets';

type AuditQuery = SelectQueryBuilder<VaultDatabase, 'audit_log', object>;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Stored times are UTC ISO strings, so bounds become UTC ISO strings too and compare as text. */
export function auditBound(value: string, side: 'from' | 'to'): string {
  if (DATE_ONLY.test(value)) return side === 'from' ? `${value}T00:00:00.000Z` : `${value}T23:59:59.999Z`;
  return new Date(value).toISOString();
}

/** The WHERE the viewer and the export share. */
export function whereAudit(query: AuditQuery, filter: AuditFilter): AuditQuery {
  let q = query;
  if (filter.actor) q = q.where(sql`lower(actor)`, '=', filter.actor.trim().toLowerCase());
  // LIKE wildcards typed by the user are matched literally.
  if (filter.action) q = q.where(sql`action`, 'like', sql`${`${filter.action.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`} escape '\\'`);
  if (filter.objectType) q = q.where('object_type', '=', filter.objectType);
  if (filter.objectId) q = q.where('object_id', '=', filter.objectId);
  if (filter.from) q = q.where('at', '>=', auditBound(filter.from, 'from'));
  if (filter.to) q = q.where('at', '<=', auditBound(filter.to, 'to'));
  return q;
}

export function auditQuery(db: Kysely<VaultDatabase>, filter: AuditFilter): AuditQuery {
  return whereAudit(db.selectFrom('audit_log'), filter);
}

/** A row as the viewer shows it; details scrubbed once more on the way out. */
export function toAuditView(row: AuditLogTable): AuditEntryView {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    shell: row.shell,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    details: redactSecrets(JSON.parse(row.details) as JsonValue),
    hash: row.hash,
  };
}
