import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { VaultDatabase } from '../vault/database/vault-schema';
import type { AuditShell } from './audit-entry';
import { appendAudit } from './append-audit';

/** A short, printable name for a public key (SHA-256 of its SPKI DER, hex, first 16 bytes). */
export function signingKeyFingerprint(publicKey: string): string {
  return createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex').slice(0, 32);
}

/**
 * Records a user's public signing key in the users table the first time it is seen (audited,
 * signed by that key). A different key already on record is left as it is: the verifier compares
 * it with the key file and reports which one moved, rather than an unlock quietly overwriting it.
 */
export async function recordSigningPublicKey(db: Kysely<VaultDatabase>, username: string, publicKey: string, shell: AuditShell): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'signing_public_key'])
      .where(sql<string>`lower(username)`, '=', username.trim().toLowerCase())
      .executeTakeFirst();
    if (user === undefined || user.signing_public_key !== null) return;
    await trx.updateTable('users').set({ signing_public_key: publicKey }).where('id', '=', user.id).execute();
    await appendAudit(trx, { actor: username, shell, action: 'user.signing_key_create', objectType: 'user', objectId: user.id, details: { after: { fingerprint: signingKeyFingerprint(publicKey) } } });
  });
}
