import type { Kysely } from 'kysely';
import type { AuditExportFormat, AuditFilter, ExportedText } from '../../shared/contract/audit';
import { assertNever } from '../../shared/assert-never';
import { toCsv } from '../csv/csv-write';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { auditQuery, toAuditView } from './audit-query';

export const AUDIT_CSV_HEADER = ['id', 'at', 'actor', 'shell', 'action', 'object_type', 'object_id', 'details', 'prev_hash', 'hash'] as const;

/**
 * The filtered trail, oldest first, as CSV (details as JSON in one cell) or as a JSON array. The
 * hashes travel along so a reader can re-check the chain outside pamdesk; details are scrubbed again.
 */
export async function exportAudit(db: Kysely<VaultDatabase>, format: AuditExportFormat, filter: AuditFilter, now: Date): Promise<ExportedText> {
  const rows = await auditQuery(db, filter).selectAll().orderBy('id', 'asc').execute();
  const stamp = now.toISOString().slice(0, 10);
  switch (format) {
    case 'csv': {
      const text = toCsv(
        AUDIT_CSV_HEADER,
        rows.map((row) => {
          const view = toAuditView(row);
          return [view.id, view.at, view.actor, view.shell, view.action, view.objectType, view.objectId, JSON.stringify(view.details), row.prev_hash, view.hash];
        }),
      );
      return { format, filename: `pamdesk-audit-${stamp}.csv`, count: rows.length, text };
    }
    case 'json': {
      const entries = rows.map((row) => ({ ...toAuditView(row), prevHash: row.prev_hash }));
      return { format, filename: `pamdesk-audit-${stamp}.json`, count: rows.length, text: `${JSON.stringify(entries, null, 2)}\n` };
    }
    default:
      return assertNever(format, 'audit export format');
  }
}
