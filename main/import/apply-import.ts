import { sql, type Kysely } from 'kysely';
import type { ImportRowError, ImportRowPreview, ImportSummary } from '../../shared/contract/transfer-channels';
import { CREDENTIAL_API_ERRORS } from '../../shared/domain/api-error-codes';
import type { BulkEditChanges } from '../../shared/domain/bulk';
import type { CredentialView } from '../../shared/domain/credential-view';
import type { DeviceView } from '../../shared/domain/device-view';
import { asCredentialsDb } from '../credentials/credentials-db';
import type { SealedCredentialColumn } from '../credentials/credential-secrets';
import { upsertCredential } from '../credentials/upsert-credential';
import { getDevice } from '../devices/get-device';
import { upsertDevice } from '../devices/upsert-device';
import type { FieldCipher } from '../vault/field-cipher';
import type { VaultDatabase } from '../vault/database/vault-schema';
import type { MappedRow } from './import-row';
import { rowError } from './import-row';

/** A credential the import wrote, for the audit trail (no secrets: views carry has_* flags only). */
export interface AppliedCredential {
  readonly credentialId: number;
  readonly action: 'created' | 'updated';
  readonly before: CredentialView | undefined;
  readonly after: CredentialView;
  readonly changedSecrets: readonly SealedCredentialColumn[];
  /** What a highly critical credential holds back for an approver (issue 11); the commit files it. */
  readonly heldForApproval: BulkEditChanges | undefined;
}

export interface ImportRun {
  readonly rows: readonly ImportRowPreview[];
  readonly errors: readonly ImportRowError[];
  readonly summary: ImportSummary;
  readonly credentials: readonly AppliedCredential[];
  readonly devices: readonly DeviceView[];
}

/**
 * Applies every row inside the caller's transaction, each under a savepoint: a refused row is
 * rolled back alone and listed, so later rows are judged against exactly what the earlier good rows
 * wrote. The caller decides the fate of the whole (the preview always rolls back; the commit rolls
 * back if any row failed). Devices missing for a row are created first, through the device upsert.
 */
export async function applyImportRows(trx: Kysely<VaultDatabase>, cipher: FieldCipher, mapped: readonly MappedRow[], now: () => Date, importedBy: string): Promise<ImportRun> {
  const db = asCredentialsDb(trx);
  const rows: ImportRowPreview[] = [];
  const errors: ImportRowError[] = [];
  const credentials: AppliedCredential[] = [];
  const devices: DeviceView[] = [];
  for (const item of mapped) {
    if (item.kind === 'skip') {
      rows.push({ row: item.row, line: item.line, action: 'skip', label: item.label, identifier: null, device: null, note: item.note });
      continue;
    }
    if (item.kind === 'error') {
      rows.push({ row: item.row, line: item.line, action: 'error', label: item.label, identifier: null, device: null, note: null });
      errors.push(...item.errors);
      continue;
    }
    const label = `${String(item.body['username'])}@${item.hostname} (${item.ip})`;
    await sql`savepoint import_row`.execute(trx);
    try {
      const existing = await getDevice(db, { hostname: item.hostname, ip: item.ip });
      const device = existing ?? (await upsertDevice(db, { hostname: item.hostname, ip: item.ip }, now)).after;
      const result = await upsertCredential({ db, cipher, clock: now, secretReplacement: { reason: 'import', by: importedBy } }, item.body);
      if (!result.ok) {
        await sql`rollback to import_row`.execute(trx);
        const description = CREDENTIAL_API_ERRORS[result.code];
        errors.push(rowError(item.row, item.line, `${result.code}: ${description.text}${result.response.response.detail ? ` (${result.response.response.detail})` : ''}`, description.solution));
        rows.push({ row: item.row, line: item.line, action: 'error', label, identifier: null, device: null, note: null });
      } else {
        if (!existing) devices.push(device);
        credentials.push({ credentialId: result.credentialId, action: result.action, before: result.before, after: result.after, changedSecrets: result.changedSecrets, heldForApproval: result.heldForApproval });
        rows.push({ row: item.row, line: item.line, action: result.action === 'created' ? 'create' : 'update', label, identifier: result.action === 'created' && typeof item.body['identifier'] !== 'string' ? null : result.after.identifier, device: existing ? 'existing' : 'create', note: result.heldForApproval === undefined ? null : result.response.response.detail });
      }
    } catch (error) {
      await sql`rollback to import_row`.execute(trx);
      errors.push(rowError(item.row, item.line, error instanceof Error ? error.message : String(error), 'Correct the row (see the problem) and preview again.'));
      rows.push({ row: item.row, line: item.line, action: 'error', label, identifier: null, device: null, note: null });
    } finally {
      await sql`release import_row`.execute(trx);
    }
  }
  const count = (action: ImportRowPreview['action']) => rows.filter((r) => r.action === action).length;
  return {
    rows,
    errors,
    credentials,
    devices,
    summary: { rows: rows.length, create: count('create'), update: count('update'), skip: count('skip'), errors: count('error'), devicesCreated: devices.length },
  };
}
