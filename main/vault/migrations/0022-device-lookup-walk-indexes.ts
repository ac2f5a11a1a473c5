import { sql } from 'kysely';
import type { Migration } from '../migration';

/**
 * The grid sorted by a device's type, vendor or model walks devices in (lookup, hostname, IP)
 * order: the lookup table's name index gives the names in order, these indexes each name's devices
 * in hostname order. Without them SQLite sorted every matching credential first (1.8 s at
 * 1,000,000). devices_type_id is dropped: the new type index starts with type_id and serves every
 * lookup it served.
 */
export const migration0022DeviceLookupWalkIndexes: Migration = {
  id: 22,
  name: 'device-lookup-walk-indexes',
  async up(db) {
    await sql`DROP INDEX IF EXISTS devices_type_id`.execute(db);
    await sql`CREATE INDEX devices_type_walk ON devices(type_id, hostname, ip)`.execute(db);
    await sql`CREATE INDEX devices_vendor_walk ON devices(vendor_id, hostname, ip)`.execute(db);
    await sql`CREATE INDEX devices_model_walk ON devices(model_id, hostname, ip)`.execute(db);
  },
};
