import type { Kysely } from 'kysely';
import type { CredentialsTables } from './credential-tables';

/**
 * Credentials joined to their device and the device's type, vendor and model (aliases c, d, t, v,
 * m): the shape the grid, the exports and the reports all read.
 */
export function credentialsWithDevice(db: Kysely<CredentialsTables>) {
  return db
    .selectFrom('credentials as c')
    .innerJoin('devices as d', 'd.id', 'c.device_id')
    .leftJoin('device_types as t', 't.id', 'd.type_id')
    .leftJoin('device_vendors as v', 'v.id', 'd.vendor_id')
    .leftJoin('device_models as m', 'm.id', 'd.model_id');
}
