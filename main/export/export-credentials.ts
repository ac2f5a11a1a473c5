import type { Kysely } from 'kysely';
import type { ExportedText } from '../../shared/contract/audit';
import { csvRow } from '../csv/csv-write';
import { PAMDESK_EXPORT_COLUMNS } from '../import/pamdesk-columns';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { asCredentialsDb } from '../credentials/credentials-db';
import { credentialsWithDevice } from '../credentials/credentials-with-device';

/** Rows read per query: the export walks the table by id, never holding every row at once. */
const PAGE = 5000;

/**
 * Every credential in pamdesk's own columns, never a secret: the sealed columns are not even
 * selected. Re-importing the file updates the same credentials without touching their secrets.
 * Streamed: a page of rows at a time (by id, so a page is an index range), each page written to
 * CSV lines before the next is read; only the text is kept.
 */
export async function exportCredentials(db: Kysely<VaultDatabase>, now: Date): Promise<ExportedText> {
  const parts = [csvRow(PAMDESK_EXPORT_COLUMNS)];
  let count = 0;
  for (let after = 0; ; ) {
    const rows = await exportPage(db, after);
    for (const row of rows) {
      const record: Record<string, string | number | null> = { ...row, automatic_change: row.automatic_change === 1 ? 'true' : 'false', needs_human_interaction: row.needs_human_interaction === 1 ? 'true' : 'false' };
      parts.push(csvRow(PAMDESK_EXPORT_COLUMNS.map((column) => record[column] ?? null)));
    }
    count += rows.length;
    const last = rows[rows.length - 1];
    if (last === undefined || rows.length < PAGE) break;
    after = last.id;
  }
  return { format: 'csv', filename: `pamdesk-credentials-${now.toISOString().slice(0, 10)}.csv`, count, text: parts.join('') };
}

function exportPage(db: Kysely<VaultDatabase>, after: number) {
  return credentialsWithDevice(asCredentialsDb(db))
    .leftJoin('device_sites as s', 's.id', 'd.site_id')
    .select([
      'c.id',
      'c.identifier',
      'c.kind',
      'c.username',
      'd.hostname',
      'd.ip',
      'c.credential_type',
      'c.domain',
      'c.tags',
      'c.additional',
      'c.notes',
      'c.status',
      'c.expires_at',
      'c.public_key',
      'c.key_type',
      't.name as device_type',
      'v.name as device_vendor',
      'm.name as device_model',
      's.name as device_site',
      'd.tags as device_tags',
      'd.connectivities',
      'c.needs_human_interaction',
      'c.automatic_change',
      'c.in_sync',
      'c.last_verified_at',
      'c.last_changed_at',
      'c.next_change_at',
    ])
    .where('c.id', '>', after)
    .orderBy('c.id')
    .limit(PAGE)
    .execute();
}
