import type { Kysely } from 'kysely';
import { AppFailure } from '../../shared/errors';
import { HOST_KEY_FINGERPRINT_PATTERN } from '../../shared/domain/device-input';
import type { DeviceView } from '../../shared/domain/device-view';
import type { CredentialsTables } from '../credentials/credential-tables';
import { getDevice } from './get-device';

/**
 * Pins the SSH host key a device must present. This is the explicit trust action: the caller shows
 * the fingerprint to a person (dialog or CLI flag) and audits the decision with the old and new key.
 */
export async function pinHostKey(db: Kysely<CredentialsTables>, deviceId: number, fingerprint: string): Promise<{ before: string | null; after: DeviceView }> {
  if (!HOST_KEY_FINGERPRINT_PATTERN.test(fingerprint)) {
    throw new AppFailure('VALIDATION', `"${fingerprint}" is not an SSH host-key fingerprint: it looks like SHA256: followed by 43 base64 characters (ssh-keygen -lf prints it).`);
  }
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('devices').select('host_key_fingerprint').where('id', '=', deviceId).executeTakeFirst();
    if (!before) throw new AppFailure('NOT_FOUND', `No device has id ${deviceId}.`);
    await trx.updateTable('devices').set({ host_key_fingerprint: fingerprint, updated_at: new Date().toISOString() }).where('id', '=', deviceId).execute();
    const after = await getDevice(trx, { id: deviceId });
    if (!after) throw new AppFailure('NOT_FOUND', `No device has id ${deviceId}.`);
    return { before: before.host_key_fingerprint, after };
  });
}
