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

async function lookupChange(
  db: Kysely<CredentialsTables>,
  table: DeviceLookupTableName,
  value: string | null | undefined,
): Promise<number | null | undefined> {
  if (value === undefined) return undefined;
  if (value === null || value.trim() === '') return null;
  return ensureLookupId(db, table, value);
}

/**
 * Applies sent attributes to a device, inside the caller's transaction. Domains are validated
 * before anything is written so a 1029 leaves no half-applied change even outside a transaction.
 */
export async function applyDeviceAttributes(
  db: Kysely<CredentialsTables>,
  deviceId: number,
  attrs: DeviceAttributes,
  nowIso: string,
): Promise<void> {
  const domainIds =
    attrs.device_domain === undefined ? undefined : await resolveRegisteredDomains(db, attrs.device_domain ?? '');
  let connectivities: string | null | undefined;
  if (attrs.connectivities !== undefined) {
    const parsed = parseConnectivityList(attrs.connectivities ?? '');
    if (!parsed.ok) throw new ApiRuleError(9001, parsed.detail);
    connectivities = parsed.connectivities.length === 0 ? null : formatConnectivityList(parsed.connectivities);
  }
  const tags = attrs.device_tags === undefined ? undefined : parseTagList(attrs.device_tags);

  const change: Updateable<DevicesTable> = {
    type_id: await lookupChange(db, 'device_types', attrs.type),
    vendor_id: await lookupChange(db, 'device_vendors', attrs.vendor),
    model_id: await lookupChange(db, 'device_models', attrs.model),
    site_id: await lookupChange(db, 'device_sites', attrs.site),
    tags: tags === undefined ? undefined : tags.length === 0 ? null : formatTagList(tags),
    connectivities,
    host_key_fingerprint: attrs.host_key_fingerprint,
    shell: attrs.shell,
    updated_at: nowIso,
  };
  // Only columns that were sent are written: an unchanged type_id must not fire the FTS trigger.
  const sent = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
  await db.updateTable('devices').set(sent).where('id', '=', deviceId).execute();

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
