import { sql, type Kysely } from 'kysely';
import type { ImportRowError, ImportRowPreview, ImportSummary } from '../../shared/contract/transfer-channels';
import { CREDENTIAL_API_ERRORS } from '../../shared/domain/api-error-codes';
import type { BulkEditChanges } from '../../shared/domain/bulk';
import type { CredentialView } from '../../shared/domain/credential-view';
import { validateCredentialUpsertRequest, type ParsedCredentialUpsertRequest } from '../../shared/domain/credential-upsert-request';
import { deviceInputSchema } from '../../shared/domain/device-input';
import type { DeviceView } from '../../shared/domain/device-view';
import { asCredentialsDb } from '../credentials/credentials-db';
import type { SealedCredentialColumn } from '../credentials/credential-secrets';
import type { CredentialsTables } from '../credentials/credential-tables';
import { upsertCredential } from '../credentials/upsert-credential';
import { newDeviceAttributeCache, resolveDeviceAttributes, type DeviceAttributeCache, type ResolvedDeviceAttributes } from '../devices/device-attributes';
import { getDevice } from '../devices/get-device';
import { upsertDevice } from '../devices/upsert-device';
import type { FieldCipher } from '../vault/field-cipher';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { CreateBatch } from './create-batch';
import { accountKey, deviceKey, ImportIndex } from './import-index';
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

/** What one step of the run wrote: devices created and credentials created or updated. */
export interface AppliedPart {
  readonly devices: readonly DeviceView[];
  readonly credentials: readonly AppliedCredential[];
}

export interface ImportRun {
  readonly rows: readonly ImportRowPreview[];
  readonly errors: readonly ImportRowError[];
  readonly summary: ImportSummary;
}

export interface ApplyImportHooks {
  /**
   * Told what each step wrote, inside the transaction (the commit audits it there). Without it
   * nothing is read back (a preview needs only the row outcomes).
   */
  readonly onApplied?: (part: AppliedPart) => Promise<void>;
  /** Rows judged so far, out of all rows, after each step. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * A preview (the caller rolls back): queued creates are written only when a later row must see
   * them (it goes the per-row way); those still queued at the end are judged and not written.
   */
  readonly dryRun?: boolean;
}

/** Rows written together; small enough that a step and its progress event come several times a second. */
const BATCH_ROWS = 2000;

/** Request fields that need the database at the row's turn (references, settings merged over stored ones). */
const PER_ROW_FIELDS = ['execution_settings', 'session_settings', 'jit_settings', 'parent_password'] as const;
const DEVICE_FIELDS = ['type', 'vendor', 'model', 'site', 'device_domain', 'device_tags', 'connectivities'] as const;

/**
 * Applies every row inside the caller's transaction, in file order, so later rows are judged
 * against exactly what the earlier good rows wrote; the caller decides the fate of the whole (the
 * preview always rolls back; the commit rolls back if any row failed).
 *
 * Two ways, one set of rules. A row that can only create (a new identifier and account, no
 * settings that name other records) is queued in a CreateBatch and written with many others.
 * Every other row (an update, a row with execution settings, a row the fast checks refuse) goes
 * through the device and credential upserts under its own savepoint, after the queue is flushed:
 * a refused row is rolled back alone and listed with the upsert's own code and words.
 */
export async function applyImportRows(trx: Kysely<VaultDatabase>, cipher: FieldCipher, mapped: readonly MappedRow[], now: () => Date, importedBy: string, hooks: ApplyImportHooks = {}): Promise<ImportRun> {
  const db = asCredentialsDb(trx);
  const rows: ImportRowPreview[] = [];
  const errors: ImportRowError[] = [];
  let devicesCreated = 0;
  const index = await ImportIndex.load(db, mapped);
  const batch = new CreateBatch(db, cipher, index, () => now().toISOString());
  const attributeCache = newDeviceAttributeCache();
  const views = hooks.onApplied !== undefined;
  const flush = async () => {
    if (batch.size === 0) return;
    // Written first, told second: `hooks.onApplied?.(await batch.flush(views))` would skip the
    // flush itself when no one listens (a preview, a seed), and later rows would be judged
    // against a vault without the creates before them.
    const part = await batch.flush(views);
    await hooks.onApplied?.(part);
  };

  for (const item of mapped) {
    if (rows.length > 0 && rows.length % BATCH_ROWS === 0) {
      hooks.onProgress?.(rows.length, mapped.length);
      // Let the event loop send the progress and answer other windows (their queries wait for
      // this transaction's connection, as they would for any write).
      await new Promise((resolve) => setImmediate(resolve));
    }
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
    const fast = await creatable(db, item, index, batch, attributeCache, now);
    if (fast !== null) {
      const key = deviceKey(item.hostname, item.ip);
      // As row after row would say: only the first row naming a new device creates it.
      const device = index.devices.has(key) || batch.isNewDevice(key) ? 'existing' : 'create';
      if (device === 'create') devicesCreated += 1;
      const identifier = batch.add(fast.request, fast.attributes);
      rows.push({ row: item.row, line: item.line, action: 'create', label, identifier: typeof item.body['identifier'] === 'string' ? identifier : null, device, note: null });
      if (hooks.dryRun !== true && batch.size >= BATCH_ROWS) await flush();
      continue;
    }
    // The per-row way reads the database: what is queued must be there first.
    await flush();
    const applied = await applyOneRow(trx, db, cipher, item, now, importedBy, label, rows, errors);
    if (applied !== null) {
      devicesCreated += applied.devices.length;
      const credential = applied.credentials[0];
      if (credential !== undefined) index.learn(deviceKey(item.hostname, item.ip), credential.after.device_id, credential.after);
      await hooks.onApplied?.(applied);
    }
  }
  if (hooks.dryRun === true) batch.discard();
  else await flush();
  hooks.onProgress?.(rows.length, mapped.length);
  let create = 0;
  let update = 0;
  let skip = 0;
  let failed = 0;
  for (const r of rows) {
    if (r.action === 'create') create += 1;
    else if (r.action === 'update') update += 1;
    else if (r.action === 'skip') skip += 1;
    else failed += 1;
  }
  return { rows, errors, summary: { rows: rows.length, create, update, skip, errors: failed, devicesCreated } };
}

/**
 * The validated request when the row can only be a create that needs nothing from the database
 * at its turn; null sends it the per-row way (which also words every refusal).
 */
async function creatable(
  db: Kysely<CredentialsTables>,
  item: Extract<MappedRow, { kind: 'upsert' }>,
  index: ImportIndex,
  batch: CreateBatch,
  cache: DeviceAttributeCache,
  now: () => Date,
): Promise<{ readonly request: ParsedCredentialUpsertRequest; readonly attributes: ResolvedDeviceAttributes | undefined } | null> {
  if (PER_ROW_FIELDS.some((field) => item.body[field] !== undefined)) return null;
  const validation = validateCredentialUpsertRequest(item.body);
  if (!validation.ok) return null;
  const { request } = validation;
  // The device the upsert would look up must be the one the import names.
  if (request.hostname !== item.hostname || request.ip !== item.ip) return null;
  const device = deviceKey(request.hostname, request.ip);
  if (request.identifier != null && index.identifiers.has(request.identifier)) return null;
  if (index.accounts.has(accountKey(device, request.username, request.kind ?? 'password'))) return null;
  if (!index.devices.has(device) && !batch.isNewDevice(device)) {
    const parsed = deviceInputSchema.safeParse({ hostname: item.hostname, ip: item.ip });
    if (!parsed.success || parsed.data.hostname !== item.hostname || parsed.data.ip !== item.ip) return null;
  }
  if (!DEVICE_FIELDS.some((field) => request[field] !== undefined)) return { request, attributes: undefined };
  try {
    return { request, attributes: await resolveDeviceAttributes(db, request, now().toISOString(), cache) };
  } catch {
    // A refused attribute (connectivities, domain): the per-row way refuses it in the upsert's words.
    return null;
  }
}

/** One row through the device and credential upserts, under a savepoint; null when refused. */
async function applyOneRow(
  trx: Kysely<VaultDatabase>,
  db: Kysely<CredentialsTables>,
  cipher: FieldCipher,
  item: Extract<MappedRow, { kind: 'upsert' }>,
  now: () => Date,
  importedBy: string,
  label: string,
  rows: ImportRowPreview[],
  errors: ImportRowError[],
): Promise<AppliedPart | null> {
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
      return null;
    }
    rows.push({ row: item.row, line: item.line, action: result.action === 'created' ? 'create' : 'update', label, identifier: result.action === 'created' && typeof item.body['identifier'] !== 'string' ? null : result.after.identifier, device: existing ? 'existing' : 'create', note: result.heldForApproval === undefined ? null : result.response.response.detail });
    return {
      devices: existing ? [] : [device],
      credentials: [{ credentialId: result.credentialId, action: result.action, before: result.before, after: result.after, changedSecrets: result.changedSecrets, heldForApproval: result.heldForApproval }],
    };
  } catch (error) {
    await sql`rollback to import_row`.execute(trx);
    errors.push(rowError(item.row, item.line, error instanceof Error ? error.message : String(error), 'Correct the row (see the problem) and preview again.'));
    rows.push({ row: item.row, line: item.line, action: 'error', label, identifier: null, device: null, note: null });
    return null;
  } finally {
    await sql`release import_row`.execute(trx);
  }
}
