import type { Kysely } from 'kysely';
import type { CredentialsTables, DeviceLookupTableName } from '../credentials/credential-tables';

/**
 * The id of a device type/vendor/model/site by name, creating it when the value is new (seed 004:
 * "a new type is created if the value is unique"). Names compare case-insensitively, so "Linux"
 * and "linux" are one type.
 */
export async function ensureLookupId(
  db: Kysely<CredentialsTables>,
  table: DeviceLookupTableName,
  name: string,
): Promise<number> {
  const trimmed = name.trim();
  await db.insertInto(table).values({ name: trimmed }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await db.selectFrom(table).select('id').where('name', '=', trimmed).executeTakeFirstOrThrow();
  return row.id;
}
