import type { Kysely } from 'kysely';
import type { DeviceView } from '../../shared/domain/device-view';
import { OPEN_STATES } from '../../shared/domain/operation-rules';
import { formatTagList } from '../../shared/domain/tag-list';
import { appendAudit } from '../audit/append-audit';
import { updateCredentials } from '../credentials/credential-writes';
import { asCredentialsDb } from '../credentials/credentials-db';
import type { LifecycleActor } from '../lifecycle/archive-object';
import { lifecycleFailure } from '../lifecycle/lifecycle-failure';
import { describeDependents, describeOpenOperations } from '../lifecycle/object-dependents';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { getDevice } from './get-device';

export interface DeviceMergeResult {
  readonly kept: DeviceView;
  readonly merged: DeviceView;
  readonly movedCredentials: readonly { readonly id: number; readonly identifier: string }[];
}

/**
 * Joins two devices that are one machine: every credential of `mergeId` moves to `keepId` (with its
 * operations history), the merged device's domains and tags are added to the kept one, and the
 * merged device is removed; one transaction with its `device.merge` audit entry, which names both
 * devices and every credential moved. Refused while an operation is open on the merged device
 * (9015: the runner holds its device), and when a username of the same kind would be on the kept
 * device twice (9014, naming both credentials).
 */
export async function mergeDevices(db: Kysely<VaultDatabase>, keepId: number, mergeId: number, by: LifecycleActor): Promise<DeviceMergeResult> {
  if (keepId === mergeId) throw lifecycleFailure(9013, 'A device cannot be merged into itself: choose two different devices.');
  const stamp = by.now.toISOString();
  return db.transaction().execute(async (trx) => {
    const devices = asCredentialsDb<VaultDatabase>(trx);
    const kept = await getDevice(devices, { id: keepId });
    const merged = await getDevice(devices, { id: mergeId });
    if (kept === undefined) throw lifecycleFailure(9012, `No device has id ${keepId} (the device to keep).`);
    if (merged === undefined) throw lifecycleFailure(9012, `No device has id ${mergeId} (the device to merge).`);
    const label = (d: DeviceView) => `${d.hostname} (${d.ip})`;

    const open = await trx.selectFrom('operations').select(['code', 'state']).where('device_id', '=', mergeId).where('state', 'in', OPEN_STATES).orderBy('id').execute();
    if (open.length > 0) {
      throw lifecycleFailure(9015, `${label(merged)} cannot be merged: ${describeOpenOperations(open)} is open on it.`);
    }
    const collisions = await trx
      .selectFrom('credentials as m')
      .innerJoin('credentials as k', (join) => join.onRef('k.username', '=', 'm.username').onRef('k.kind', '=', 'm.kind'))
      .select(['m.identifier as moving', 'k.identifier as staying', 'm.username'])
      .where('m.device_id', '=', mergeId)
      .where('k.device_id', '=', keepId)
      .execute();
    if (collisions.length > 0) {
      const named = collisions.map((c) => ({ name: `"${c.username}" (${c.moving} and ${c.staying})` }));
      throw lifecycleFailure(9014, `${label(merged)} cannot be merged into ${label(kept)}: both have username ${describeDependents(named)}.`, { collisions });
    }

    const moving = await trx.selectFrom('credentials').select(['id', 'identifier']).where('device_id', '=', mergeId).orderBy('id').execute();
    if (moving.length > 0) await updateCredentials(devices, moving.map((c) => c.id), { device_id: keepId }, stamp);
    // The history follows its credentials: operations name the device they ran against.
    await trx.updateTable('operations').set({ device_id: keepId }).where('device_id', '=', mergeId).execute();
    const domainIds = await trx.selectFrom('device_domains').select('domain_id').where('device_id', '=', mergeId).execute();
    for (const { domain_id } of domainIds) {
      await trx.insertInto('device_domains').values({ device_id: keepId, domain_id }).onConflict((oc) => oc.doNothing()).execute();
    }
    const pins = await carryPins(trx, kept, merged, stamp);
    const tags = [...new Set([...kept.tags, ...merged.tags])];
    await trx.updateTable('devices').set({ tags: tags.length === 0 ? null : formatTagList(tags), updated_at: stamp }).where('id', '=', keepId).execute();
    await trx.deleteFrom('devices').where('id', '=', mergeId).execute();
    const after = await getDevice(devices, { id: keepId });
    if (after === undefined) throw new Error(`Device ${keepId} vanished inside its own transaction.`);
    await appendAudit(
      trx,
      { actor: by.username, shell: by.shell, action: 'device.merge', objectType: 'device', objectId: String(keepId), details: { kept: label(kept), merged, movedCredentials: moving, pins } as never },
      { now: () => by.now },
    );
    return { kept: after, merged, movedCredentials: moving };
  });
}

/** What became of the merged device's trusted keys, for the audit entry. */
interface PinOutcome {
  /** Pins the kept device lacked, taken over: `SSH` (the host key) or an executor name (a certificate). */
  readonly carried: Readonly<Record<string, string>>;
  /** The merged device's pins that differ from the kept device's own: the kept one's stay trusted. */
  readonly dropped: Readonly<Record<string, string>>;
}

/**
 * The two records are one machine (the administrator says so by merging), so a key the merged
 * device had trusted still identifies it: where the kept device has no pin for a protocol it takes
 * the merged one's, and its moved credentials go on running without a new trust decision. Where
 * both pinned a different key, the kept device's stays and the other is named in the audit entry:
 * choosing between two keys is a trust decision for a person (check and trust again).
 */
async function carryPins(trx: Kysely<VaultDatabase>, kept: DeviceView, merged: DeviceView, stamp: string): Promise<PinOutcome> {
  const carried: Record<string, string> = {};
  const dropped: Record<string, string> = {};
  const mergedPins: [string, string | null][] = [['SSH', merged.host_key_fingerprint], ...Object.entries(merged.certificate_pins)];
  const keptPins: Readonly<Record<string, string | null>> = { ...kept.certificate_pins, SSH: kept.host_key_fingerprint };
  for (const [protocol, fingerprint] of mergedPins) {
    if (fingerprint === null) continue;
    const own = keptPins[protocol] ?? null;
    if (own === fingerprint) continue;
    if (own !== null) {
      dropped[protocol] = fingerprint;
      continue;
    }
    carried[protocol] = fingerprint;
    if (protocol === 'SSH') await trx.updateTable('devices').set({ host_key_fingerprint: fingerprint }).where('id', '=', kept.id).execute();
    else await trx.insertInto('device_certificate_pins').values({ device_id: kept.id, protocol, fingerprint, pinned_at: stamp }).execute();
  }
  return { carried, dropped };
}
