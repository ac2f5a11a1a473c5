import { createPublicKey } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { KeyValueStore } from '../settings/settings-store';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { keyFileSigningKeys } from '../vault/keys/signing-key';
import { slotIdFor } from '../vault/keys/slot-id';
import type { OpenVault } from '../vault/open-vault';
import { readAuditHead } from './audit-head';
import { readWitness, writeWitness, type WitnessedHead } from './audit-witness';
import type { AuditAnchors } from './verify-audit-chain';

/**
 * Moves this user's witnessed head to the trail's current head (at sign-out, lock, and after a
 * verification that passed). A witness the trail no longer matches is kept as it is: it is the
 * evidence the next verification reports, and moving it would erase it.
 */
export async function witnessCurrentHead(vault: OpenVault, store: KeyValueStore, username: string, now: Date): Promise<void> {
  const privateKey = vault.signers.privateKeyOf(username);
  if (privateKey === undefined) return;
  const db = vault.database.db;
  const head = await readAuditHead(db);
  if (head === null) return;
  const { vaultId } = vault.keys;
  const slotId = slotIdFor(vaultId, username);
  const publicKey = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
  const prior = readWitness(store, vaultId, slotId, publicKey);
  if (prior.kind === 'valid' && !(await stillHolds(db, prior.witness))) return;
  writeWitness(store, vaultId, slotId, head, privateKey, now);
}

async function stillHolds(db: Kysely<VaultDatabase>, witness: WitnessedHead): Promise<boolean> {
  const row = await db.selectFrom('audit_log').select('hash').where('id', '=', witness.id).executeTakeFirst();
  return row?.hash === witness.hash;
}

/**
 * What the verifier trusts from outside the database: every slot's public signing key from the
 * key file, and the heads its users witnessed. A witness that does not verify with its slot's key
 * is passed on as altered: either the preferences file was edited or the key file's public key was
 * replaced, and the second would otherwise let entries forged under the new key pass.
 */
export async function auditAnchors(dataDir: string, store: KeyValueStore): Promise<AuditAnchors> {
  const { vaultId, bySlot, slotIds } = await keyFileSigningKeys(dataDir);
  const witnesses: WitnessedHead[] = [];
  const alteredWitnesses: (number | null)[] = [];
  for (const [slotId, publicKey] of bySlot) {
    const reading = readWitness(store, vaultId, slotId, publicKey);
    if (reading.kind === 'valid') witnesses.push(reading.witness);
    if (reading.kind === 'forged') alteredWitnesses.push(reading.claimedId);
  }
  return { vaultId, keyFileKeys: bySlot, keyFileSlots: slotIds, witnesses, alteredWitnesses };
}
