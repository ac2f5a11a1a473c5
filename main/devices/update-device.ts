import type { Kysely } from 'kysely';
import { deviceInputSchema, type DeviceInput } from '../../shared/domain/device-input';
import type { DeviceView } from '../../shared/domain/device-view';
import { appendAudit } from '../audit/append-audit';
import { lifecycleFailure } from '../lifecycle/lifecycle-failure';
import type { LifecycleActor } from '../lifecycle/archive-object';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { asCredentialsDb } from '../credentials/credentials-db';
import { applyDeviceAttributes } from './device-attributes';
import { deviceInputError } from './device-input-error';
import { getDevice } from './get-device';

/**
 * Edits one device in place, found by its id (the upsert finds devices by hostname + IP, so an edit
 * of either through it registered a second device). The id, its credentials and its operations stay;
 * a hostname + IP another device already has is refused (9013: merge them instead). Audited
 * (`device.update`, before/after) in the same transaction. Throws ApiRuleError for bad fields
 * (9001, 9005, 9006, 1029), like the upsert.
 */
export async function updateDevice(db: Kysely<VaultDatabase>, id: number, input: DeviceInput, by: LifecycleActor): Promise<DeviceView> {
  const parsed = deviceInputSchema.safeParse(input);
  if (!parsed.success) throw deviceInputError(input, parsed.error.issues);
  const { hostname, ip, ...attrs } = parsed.data;
  const stamp = by.now.toISOString();
  return db.transaction().execute(async (trx) => {
    const devices = asCredentialsDb<VaultDatabase>(trx);
    const before = await getDevice(devices, { id });
    if (before === undefined) throw lifecycleFailure(9012, `No device has id ${id}.`);
    const clash = await getDevice(devices, { hostname, ip });
    if (clash !== undefined && clash.id !== id) {
      throw lifecycleFailure(9013, `Device ${clash.id} already has hostname ${hostname} and IP ${ip}.`, { existing: { id: clash.id, hostname, ip } });
    }
    if (hostname !== before.hostname || ip !== before.ip) {
      await trx.updateTable('devices').set({ hostname, ip, updated_at: stamp }).where('id', '=', id).execute();
    }
    await applyDeviceAttributes(devices, id, attrs, stamp);
    const after = await getDevice(devices, { id });
    if (after === undefined) throw new Error(`Device ${id} vanished inside its own transaction.`);
    await appendAudit(trx, { actor: by.username, shell: by.shell, action: 'device.update', objectType: 'device', objectId: String(id), details: { before, after } as never }, { now: () => by.now });
    return after;
  });
}
