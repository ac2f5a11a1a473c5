import type { Kysely } from 'kysely';
import type { ExportedText } from '../../shared/contract/audit';
import { toCsv } from '../csv/csv-write';
import { PAMDESK_EXPORT_COLUMNS } from '../import/pamdesk-columns';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { asCredentialsDb } from '../credentials/credentials-db';
import { credentialsWithDevice } from '../credentials/credentials-with-device';

/**
 * Every credential in pamdesk's own columns, never a secret: the sealed columns are not even
 * selected. Re-importing the file updates the same credentials without touching their secrets.
 */
export async function exportCredentials(db: Kysely<VaultDatabase>, now: Date): Promise<ExportedText> {
  const rows = await credentialsWithDevice(asCredentialsDb(db))
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
    .orderBy('c.id')
    .execute();
  const values = rows.map((row) => {
    const record: Record<string, string | number | null> = { ...row, automatic_change: row.automatic_change === 1 ? 'true' : 'false', needs_human_interaction: row.needs_human_interaction === 1 ? 'true' : 'false' };
    return PAMDESK_EXPORT_COLUMNS.map((column) => record[column] ?? null);
  });
  return { format: 'csv', filename: `pamdesk-credentials-${now.toISOString().slice(0, 10)}.csv`, count: rows.length, text: toCsv(PAMDESK_EXPORT_COLUMNS, values) };
}
