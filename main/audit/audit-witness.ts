import type { KeyObject } from 'node:crypto';
import { sign, createPublicKey, verify } from 'node:crypto';
import type { KeyValueStore } from '../settings/settings-store';
import type { AuditHead } from './audit-head';

/**
 * A head of the trail (sequence number and hash) as one user saw it at sign-out, lock or verify,
 * kept OUTSIDE the database, in that user's entry of the preferences file. Someone who cuts the
 * trail's tail and fixes the head in the database cannot also move what every user last saw: the
 * verifier then finds a witnessed entry missing or different. Signed by the user, so an edit of the
 * preferences file cannot move another user's witness either (it can only delete it).
 */
export interface WitnessedHead extends AuditHead {
  /** The key slot of the user who saw it (a hash: the preferences file does not list usernames). */
  readonly slotId: string;
  readonly at: string;
  readonly signature: string;
}

const WITNESS_DOMAIN = 'pamdesk/audit-witness/v1';

function witnessKey(slotId: string): string {
  return `auditWitness-${slotId}`;
}

function witnessBytes(vaultId: string, slotId: string, head: AuditHead, at: string): Buffer {
  return Buffer.from(`${WITNESS_DOMAIN}\0${vaultId}\0${slotId}\0${head.id}\0${head.hash}\0${at}`, 'utf8');
}

export function writeWitness(store: KeyValueStore, vaultId: string, slotId: string, head: AuditHead, privateKey: KeyObject, now: Date): WitnessedHead {
  const at = now.toISOString();
  const signature = sign(null, witnessBytes(vaultId, slotId, head, at), privateKey).toString('base64');
  const witness: WitnessedHead = { slotId, id: head.id, hash: head.hash, at, signature };
  store.set(witnessKey(slotId), { vaultId, id: head.id, hash: head.hash, at, signature });
  return witness;
}

export type WitnessReading =
  | { readonly kind: 'none' }
  | { readonly kind: 'valid'; readonly witness: WitnessedHead }
  /**
   * Present but not signed by the slot's key from the key file, or malformed: the preferences file
   * was edited, or the key file's public key was replaced (which would let forged entries verify).
   */
  | { readonly kind: 'forged'; readonly claimedId: number | null };

/** The witness kept for one slot, checked against that slot's public signing key (SPKI DER, base64). */
export function readWitness(store: KeyValueStore, vaultId: string, slotId: string, publicKey: string | undefined): WitnessReading {
  const raw = store.get(witnessKey(slotId));
  if (raw === undefined || raw === null) return { kind: 'none' };
  if (typeof raw !== 'object') return { kind: 'forged', claimedId: null };
  const { vaultId: rawVault, id, hash, at, signature } = raw as Record<string, unknown>;
  // A witness of another vault in the same data folder (recreated vault) says nothing about this one.
  if (rawVault !== vaultId) return { kind: 'none' };
  const claimedId = typeof id === 'number' && Number.isSafeInteger(id) ? id : null;
  if (claimedId === null || typeof hash !== 'string' || typeof at !== 'string' || typeof signature !== 'string' || publicKey === undefined) {
    return { kind: 'forged', claimedId };
  }
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    if (!verify(null, witnessBytes(vaultId, slotId, { id: claimedId, hash }, at), key, Buffer.from(signature, 'base64'))) return { kind: 'forged', claimedId };
  } catch {
    return { kind: 'forged', claimedId };
  }
  return { kind: 'valid', witness: { slotId, id: claimedId, hash, at, signature } };
}
