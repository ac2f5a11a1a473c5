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

/**
 * The action filter as its index holds it: an action or dotted prefix, ASCII case folded as
 * SQLite's lower() folds it (the filter used to be a LIKE, which folds the same way).
 */
export function actionPrefixOf(action: string): string {
  return action.replace(/[A-Z]/g, (ch) => ch.toLowerCase());
}

/**
 * The first string after every string that starts with `prefix`, in SQLite's BINARY order (UTF-8
 * bytes, which is code point order): the prefix with its last character incremented. Undefined
 * where that is not one character on (a surrogate or the last code point): a lower bound only then.
 */
function pastPrefix(prefix: string): string | undefined {
  const last = prefix.charCodeAt(prefix.length - 1);
  if (Number.isNaN(last) || last >= 0xd7ff) return undefined;
  return `${prefix.slice(0, -1)}${String.fromCharCode(last + 1)}`;
}

/**
 * The WHERE the viewer and the export share. The action prefix is a range on lower(action)
 * (audit_log_action, migration 0019), not a LIKE, which SQLite cannot serve from an index here.
 */
export function whereAudit(query: AuditQuery, filter: AuditFilter): AuditQuery {
  let q = query;
  if (filter.actor) q = q.where(sql`lower(actor)`, '=', filter.actor.trim().toLowerCase());
  if (filter.action) {
    const prefix = actionPrefixOf(filter.action);
    const past = pastPrefix(prefix);
    q = q.where(sql`lower(action)`, '>=', prefix);
    q = past === undefined ? q.where(sql`substr(lower(action), 1, length(${prefix}))`, '=', prefix) : q.where(sql`lower(action)`, '<', past);
  }
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
