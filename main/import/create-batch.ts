import { sql, type Kysely } from 'kysely';
import type { ParsedCredentialUpsertRequest } from '../../shared/domain/credential-upsert-request';
import type { DeviceView } from '../../shared/domain/device-view';
import { credentialChanges, mergedSettings } from '../credentials/credential-changes';
import { newCredentialIdentifier } from '../credentials/credential-identifier';
import { sealCredentialField, type SealedCredentialColumn } from '../credentials/credential-secrets';
import type { CredentialsTables } from '../credentials/credential-tables';
import { loadCredentialRows, toCredentialView } from '../credentials/credential-view-mapper';
import type { ResolvedDeviceAttributes } from '../devices/device-attributes';
import { writeDeviceAttributes } from '../devices/device-attributes';
import { getDevicesById } from '../devices/get-device';
import type { FieldCipher } from '../vault/field-cipher';
import { insertMany } from '../vault/database/insert-many';
import type { AppliedCredential } from './apply-import';
import { accountKey, deviceKey, type ImportIndex } from './import-index';

interface PendingCredential {
  readonly device: string;
  readonly identifier: string;
  readonly request: ParsedCredentialUpsertRequest;
}

interface PendingDevice {
  readonly hostname: string;
  readonly ip: string;
  attributes: ResolvedDeviceAttributes | undefined;
}

/**
 * New credentials (and the new devices they name) collected row by row and written together: one
 * multi-row insert per few hundred rows instead of a dozen statements per row. Only what the
 * upsert would create from scratch comes here (no existing credential with this identifier or
 * account, no execution/session/JIT settings, no parent), so its outcome is known when the row is
 * read; the columns still come from the upsert's own rules (credentialChanges), the secrets are
 * sealed by its own function with the row's id, and device attributes are resolved and written by
 * the device's own functions. Everything else goes through upsertCredential row by row.
 *
 * Ids are taken as max(id)+1 inside the caller's write transaction (BEGIN IMMEDIATE holds the
 * vault's write lock), so each secret is sealed with its row's id before the insert.
 */
export class CreateBatch {
  readonly #credentials: PendingCredential[] = [];
  readonly #newDevices = new Map<string, PendingDevice>();
  readonly #deviceAttributes = new Map<number, ResolvedDeviceAttributes>();

  constructor(
    private readonly db: Kysely<CredentialsTables>,
    private readonly cipher: FieldCipher,
    private readonly index: ImportIndex,
    private readonly stamp: () => string,
  ) {}

  get size(): number {
    return this.#credentials.length;
  }

  /**
   * Drops what is queued without writing it: a preview's last creates, which nothing after them
   * reads and whose transaction is rolled back anyway. The key is still proven: one secret is
   * sealed, so a preview without the secrets key fails as the commit would.
   */
  discard(): void {
    const probe = this.#credentials.find((pending) => pending.request.content != null);
    if (probe !== undefined) sealCredentialField(this.cipher, 1, 'content', 'import preview probe');
    this.#credentials.length = 0;
    this.#newDevices.clear();
    this.#deviceAttributes.clear();
  }

  /** Whether this batch will create the device (so the row reports 'create'). */
  isNewDevice(device: string): boolean {
    return this.#newDevices.has(device);
  }

  /**
   * Queues a create; returns its identifier (the request's, or a fresh UUIDv7). The account and
   * identifier are claimed at once, so a later row naming them goes the per-row way, after a flush.
   */
  add(request: ParsedCredentialUpsertRequest, attributes: ResolvedDeviceAttributes | undefined): string {
    const device = deviceKey(request.hostname, request.ip);
    const existingDevice = this.index.devices.get(device);
    if (existingDevice === undefined) {
      const pending = this.#newDevices.get(device) ?? { hostname: request.hostname, ip: request.ip, attributes: undefined };
      pending.attributes = merge(pending.attributes, attributes);
      this.#newDevices.set(device, pending);
    } else if (attributes !== undefined) {
      this.#deviceAttributes.set(existingDevice, merge(this.#deviceAttributes.get(existingDevice), attributes) as ResolvedDeviceAttributes);
    }
    const identifier = request.identifier ?? newCredentialIdentifier(Date.parse(this.stamp()));
    this.index.identifiers.add(identifier);
    this.index.accounts.add(accountKey(device, request.username, request.kind ?? 'password'));
    this.#credentials.push({ device, identifier, request });
    return identifier;
  }

  /**
   * Writes what is queued. With `views`, answers the created devices and credentials as their
   * views (for the audit trail); without (a preview), reads nothing back.
   */
  async flush(views: boolean): Promise<{ readonly devices: readonly DeviceView[]; readonly credentials: readonly AppliedCredential[] }> {
    const stamp = this.stamp();
    const deviceIds = await this.#writeDevices(stamp);
    for (const [id, attributes] of this.#deviceAttributes) await writeDeviceAttributes(this.db, id, attributes);
    this.#deviceAttributes.clear();

    // Read afresh each time: the per-row path may have inserted since.
    let next = (await this.#maxId('credentials')) + 1;
    const rows: Record<string, unknown>[] = [];
    const tags: { credential_id: number; tag: string }[] = [];
    const changedSecrets = new Map<number, SealedCredentialColumn[]>();
    for (const pending of this.#credentials) {
      const id = next;
      next += 1;
      const deviceId = this.index.devices.get(pending.device);
      if (deviceId === undefined) throw new Error(`The device of row ${pending.identifier} was not written.`);
      const { request } = pending;
      const changes = credentialChanges(request, undefined, mergedSettings(request, undefined));
      const sealed: Record<string, Buffer | null> = {};
      for (const [column, plaintext] of Object.entries(changes.secrets) as [SealedCredentialColumn, string | null][]) {
        sealed[column] = plaintext === null ? null : sealCredentialField(this.cipher, id, column, plaintext);
      }
      changedSecrets.set(id, Object.keys(sealed) as SealedCredentialColumn[]);
      rows.push({
        id,
        identifier: pending.identifier,
        username: request.username,
        device_id: deviceId,
        kind: request.kind ?? 'password',
        credential_type: 'Local User',
        status: 'active',
        in_sync: 'unknown',
        version: 1,
        created_at: stamp,
        updated_at: stamp,
        ...changes.columns,
        ...sealed,
      });
      for (const tag of changes.tags ?? []) tags.push({ credential_id: id, tag });
      this.index.learn(pending.device, deviceId, { identifier: pending.identifier, username: request.username, kind: request.kind ?? 'password' });
    }
    await insertMany(this.db, 'credentials', rows);
    await insertMany(this.db, 'credential_tags', tags);
    const ids = rows.map((row) => row['id'] as number);
    this.#credentials.length = 0;
    if (!views) return { devices: [], credentials: [] };

    const created = await loadCredentialRows(this.db, ids);
    const devices = await getDevicesById(this.db, deviceIds);
    return {
      devices,
      credentials: created.map((row) => ({ credentialId: row.id, action: 'created', before: undefined, after: toCredentialView(row), changedSecrets: changedSecrets.get(row.id) ?? [], heldForApproval: undefined })),
    };
  }

  async #writeDevices(stamp: string): Promise<number[]> {
    if (this.#newDevices.size === 0) return [];
    let next = (await this.#maxId('devices')) + 1;
    const rows: Record<string, unknown>[] = [];
    const domains: { device_id: number; domain_id: number }[] = [];
    for (const [key, pending] of this.#newDevices) {
      const id = next;
      next += 1;
      // The columns upsertDevice writes for a new device, then the attributes the rows sent.
      rows.push({ id, hostname: pending.hostname, ip: pending.ip, type_id: null, vendor_id: null, model_id: null, site_id: null, tags: null, connectivities: null, host_key_fingerprint: null, created_at: stamp, updated_at: stamp, ...pending.attributes?.change });
      for (const domain_id of pending.attributes?.domainIds ?? []) domains.push({ device_id: id, domain_id });
      this.index.devices.set(key, id);
    }
    this.#newDevices.clear();
    await insertMany(this.db, 'devices', rows);
    await insertMany(this.db, 'device_domains', domains);
    return rows.map((row) => row['id'] as number);
  }

  async #maxId(table: 'credentials' | 'devices'): Promise<number> {
    const row = await this.db.selectFrom(table).select(sql<number | null>`max(id)`.as('max')).executeTakeFirst();
    return row?.max ?? 0;
  }
}

/** Later attributes win field by field, as applying them row after row would leave the device. */
function merge(earlier: ResolvedDeviceAttributes | undefined, later: ResolvedDeviceAttributes | undefined): ResolvedDeviceAttributes | undefined {
  if (earlier === undefined) return later;
  if (later === undefined) return earlier;
  return { change: { ...earlier.change, ...later.change }, domainIds: later.domainIds ?? earlier.domainIds };
}
