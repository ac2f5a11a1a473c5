import type { Kysely } from 'kysely';
import type { VaultDatabase } from '../vault/database/vault-schema';

/**
 * The id and hash of the newest entry, kept in `meta`. A hash chain alone cannot notice that its
 * last entries were cut off; comparing the chain's end with this anchor can.
 */
export interface AuditHead {
  readonly id: number;
  readonly hash: string;
}

const HEAD_KEY = 'audit.head';

export async function readAuditHead(db: Kysely<VaultDatabase>): Promise<AuditHead | null> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', HEAD_KEY).executeTakeFirst();
  if (row === undefined) return null;
  const parsed: unknown = JSON.parse(row.value);
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    typeof (parsed as AuditHead).id !== 'number' ||
    typeof (parsed as AuditHead).hash !== 'string'
  ) {
    throw new Error('The audit head record in meta is damaged; run an audit verification and restore from a backup.');
  }
  return { id: (parsed as AuditHead).id, hash: (parsed as AuditHead).hash };
}

export async function writeAuditHead(db: Kysely<VaultDatabase>, head: AuditHead): Promise<void> {
  const value = JSON.stringify({ id: head.id, hash: head.hash });
  await db
    .insertInto('meta')
    .values({ key: HEAD_KEY, value })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value }))
    .execute();
}
