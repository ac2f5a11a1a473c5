import type { Kysely } from 'kysely';
import { deviceInputSchema, type DeviceInput } from '../../shared/domain/device-input';
import { deviceInputError } from './device-input-error';
import type { DeviceView } from '../../shared/domain/device-view';
import type { CredentialsTables } from '../credentials/credential-tables';
import { applyDeviceAttributes } from './device-attributes';
import { getDevice } from './get-device';

export interface DeviceUpsertResult {
  readonly action: 'created' | 'updated';
  /** The device before the change (undefined on create), for the caller's audit record. */
  readonly before: DeviceView | undefined;
  readonly after: DeviceView;
}

/**
 * Creates the device named by hostname + ip, or updates it when it exists, in one transaction.
 * Throws ApiRuleError: 9001 for a malformed input, 1029 for an unregistered device_domain.
 */
export async function upsertDevice(
  db: Kysely<CredentialsTables>,
  input: DeviceInput,
  now: () => Date = () => new Date(),
): Promise<DeviceUpsertResult> {
  const parsed = deviceInputSchema.safeParse(input);
  if (!parsed.success) {
    throw deviceInputError(input, parsed.error.issues);
  }
  const { hostname, ip, ...attrs } = parsed.data;
  const stamp = now().toISOString();
  // Given a caller's transaction (an import) it writes inside it; otherwise it opens its own.
  const work = async (trx: Kysely<CredentialsTables>): Promise<DeviceUpsertResult> => {
    const before = await getDevice(trx, { hostname, ip });
    let id = before?.id;
    if (id === undefined) {
      const inserted = await trx
        .insertInto('devices')
        .values({
          hostname,
          ip,
          type_id: null,
          vendor_id: null,
          model_id: null,
          site_id: null,
          tags: null,
          connectivities: null,
          host_key_fingerprint: null,
          created_at: stamp,
          updated_at: stamp,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = inserted.id;
    }
    await applyDeviceAttributes(trx, id, attrs, stamp);
    const after = await getDevice(trx, { id });
    if (after === undefined) throw new Error(`Device ${id} vanished inside its own transaction.`);
    return { action: before === undefined ? 'created' : 'updated', before, after };
  };
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
