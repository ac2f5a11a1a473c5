import type { Kysely, Updateable } from 'kysely';
import { formatConnectivityList, parseConnectivityList } from '../../shared/domain/connectivity-list';
import type { DeviceShell } from '../../shared/domain/device-shell';
import { formatTagList, parseTagList } from '../../shared/domain/tag-list';
import { ApiRuleError } from '../credentials/api-rule-error';
import type { CredentialsTables, DeviceLookupTableName, DevicesTable } from '../credentials/credential-tables';
import { resolveRegisteredDomains } from '../domains/resolve-registered-domains';
import { ensureLookupId } from './device-lookups';

/** The device fields a device form or a credential request (seed 004) may change; absent keeps, null clears. */
export interface DeviceAttributes {
  readonly type?: string | null | undefined;
  readonly vendor?: string | null | undefined;
  readonly model?: string | null | undefined;
  readonly site?: string | null | undefined;
  readonly device_domain?: string | null | undefined;
  readonly device_tags?: string | null | undefined;
  readonly connectivities?: string | null | undefined;
  readonly host_key_fingerprint?: string | null | undefined;
  readonly shell?: DeviceShell | null | undefined;
}

/**
 * Lookup ids and registered domains already resolved in this transaction, so an import of 100,000
 * rows naming a handful of types and vendors asks the database once per distinct name. Lives for
 * one transaction only (a rolled-back lookup row must not be remembered).
 */
export interface DeviceAttributeCache {
  readonly lookups: Map<string, number>;
  readonly domains: Map<string, readonly number[]>;
}

export function newDeviceAttributeCache(): DeviceAttributeCache {
  return { lookups: new Map(), domains: new Map() };
}

async function lookupChange(
  db: Kysely<CredentialsTables>,
  table: DeviceLookupTableName,
  value: string | null | undefined,
  cache: DeviceAttributeCache | undefined,
): Promise<number | null | undefined> {
  if (value === undefined) return undefined;
  if (value === null || value.trim() === '') return null;
  // Lookup names compare without regard to case (COLLATE NOCASE), as the key does.
  const key = `${table}\0${value.trim().toLowerCase()}`;
  const known = cache?.lookups.get(key);
  if (known !== undefined) return known;
  const id = await ensureLookupId(db, table, value);
  cache?.lookups.set(key, id);
  return id;
}

async function registeredDomains(db: Kysely<CredentialsTables>, deviceDomain: string, cache: DeviceAttributeCache | undefined): Promise<readonly number[]> {
  const known = cache?.domains.get(deviceDomain);
  if (known !== undefined) return known;
  const ids = await resolveRegisteredDomains(db, deviceDomain);
  cache?.domains.set(deviceDomain, ids);
  return ids;
}

/** The sent attributes as device columns (only those sent) and the domain ids to link (undefined: keep). */
export interface ResolvedDeviceAttributes {
  readonly change: Updateable<DevicesTable>;
  readonly domainIds: readonly number[] | undefined;
}

/**
 * Checks and translates sent attributes without writing the device (only missing lookup names are
 * created): 9001 for a malformed connectivity list, 1029 for an unregistered domain. Domains are
 * validated before anything is written so a 1029 leaves no half-applied change.
 */
export async function resolveDeviceAttributes(db: Kysely<CredentialsTables>, attrs: DeviceAttributes, nowIso: string, cache?: DeviceAttributeCache): Promise<ResolvedDeviceAttributes> {
  const domainIds = attrs.device_domain === undefined ? undefined : await registeredDomains(db, attrs.device_domain ?? '', cache);
  let connectivities: string | null | undefined;
  if (attrs.connectivities !== undefined) {
    const parsed = parseConnectivityList(attrs.connectivities ?? '');
    if (!parsed.ok) throw new ApiRuleError(9001, parsed.detail);
    connectivities = parsed.connectivities.length === 0 ? null : formatConnectivityList(parsed.connectivities);
  }
  const tags = attrs.device_tags === undefined ? undefined : parseTagList(attrs.device_tags);

  const change: Updateable<DevicesTable> = {
    type_id: await lookupChange(db, 'device_types', attrs.type, cache),
    vendor_id: await lookupChange(db, 'device_vendors', attrs.vendor, cache),
    model_id: await lookupChange(db, 'device_models', attrs.model, cache),
    site_id: await lookupChange(db, 'device_sites', attrs.site, cache),
    tags: tags === undefined ? undefined : tags.length === 0 ? null : formatTagList(tags),
    connectivities,
    host_key_fingerprint: attrs.host_key_fingerprint,
    shell: attrs.shell,
    updated_at: nowIso,
  };
  // Only columns that were sent are written: an unchanged type_id must not fire the FTS trigger.
  return { change: Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as Updateable<DevicesTable>, domainIds };
}

/** Writes resolved attributes to a device, inside the caller's transaction. */
export async function writeDeviceAttributes(db: Kysely<CredentialsTables>, deviceId: number, resolved: ResolvedDeviceAttributes): Promise<void> {
  await db.updateTable('devices').set(resolved.change).where('id', '=', deviceId).execute();
  const { domainIds } = resolved;
  if (domainIds !== undefined) {
    await db.deleteFrom('device_domains').where('device_id', '=', deviceId).execute();
    if (domainIds.length > 0) {
      await db
        .insertInto('device_domains')
        .values(domainIds.map((domain_id) => ({ device_id: deviceId, domain_id })))
        .execute();
    }
  }
}

/** Applies sent attributes to a device, inside the caller's transaction (resolve, then write). */
export async function applyDeviceAttributes(
  db: Kysely<CredentialsTables>,
  deviceId: number,
  attrs: DeviceAttributes,
  nowIso: string,
): Promise<void> {
  await writeDeviceAttributes(db, deviceId, await resolveDeviceAttributes(db, attrs, nowIso));
}
