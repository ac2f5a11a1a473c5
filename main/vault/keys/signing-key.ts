import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { KeySlot } from './key-file';
import { readKeyFile, writeKeyFile } from './key-file';
import { withKeyFileLock } from './key-file-lock';
import { unwrapKey, wrapKey } from './key-wrap';
import type { SlotSigningKey } from './signing-key-field';
import { slotIdFor } from './slot-id';
import { VaultKeyError } from './vault-key-error';

/** A user's opened audit-signing key. The private key lives in memory only while the vault is open. */
export interface OpenedSigningKey {
  readonly publicKey: string;
  readonly privateKey: KeyObject;
}

/** Binds the sealed private key to its vault, slot and public key: none can be swapped alone. */
function signingAad(vaultId: string, slotId: string, publicKey: string): Buffer {
  return Buffer.from(`pamdesk/audit-signing-key/v1\0${vaultId}\0${slotId}\0${publicKey}`, 'utf8');
}

function sealSigningKey(vaultId: string, slotId: string, kek: Buffer, privateKey: KeyObject, publicKey: string): SlotSigningKey {
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  try {
    return { publicKey, wrappedPrivateKey: wrapKey(kek, der, signingAad(vaultId, slotId, publicKey)).toString('base64') };
  } finally {
    der.fill(0);
  }
}

/** Opens a slot's signing key with its KEK; null when the slot has none or it does not open. */
export function openSlotSigningKey(vaultId: string, slot: KeySlot, kek: Buffer): OpenedSigningKey | null {
  const field = slot.signingKey;
  if (field === undefined) return null;
  const der = unwrapKey(kek, Buffer.from(field.wrappedPrivateKey, 'base64'), signingAad(vaultId, slot.slotId, field.publicKey));
  if (der === null) return null;
  try {
    const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    const derived = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
    // The AAD already binds the public key; this also catches a key pair that does not belong together.
    return derived === field.publicKey ? { publicKey: field.publicKey, privateKey } : null;
  } finally {
    der.fill(0);
  }
}

/**
 * Carries a slot's signing key across a re-seal (passphrase change, stronger KDF): the new slot
 * has a new KEK, so the private key is sealed again under it. Without this a re-seal would lose
 * the key, and every entry it signed would stop verifying.
 */
export function carrySigningKey(vaultId: string, from: KeySlot, oldKek: Buffer, to: KeySlot, newKek: Buffer): KeySlot {
  const opened = openSlotSigningKey(vaultId, from, oldKek);
  if (opened === null) return to;
  return { ...to, signingKey: sealSigningKey(vaultId, to.slotId, newKek, opened.privateKey, opened.publicKey) };
}

/**
 * The user's signing key, opened with their KEK; a slot that has none yet (made before audit
 * signatures, or added by an administrator) gets a fresh Ed25519 pair now, written to the key file.
 * A slot whose signing key does not open with the KEK that opened its master key was tampered with.
 */
export async function ensureSigningKey(dataDir: string, vaultId: string, username: string, kek: Buffer): Promise<OpenedSigningKey & { readonly created: boolean }> {
  return withKeyFileLock(dataDir, async () => {
    const file = await readKeyFile(dataDir);
    const slotId = slotIdFor(vaultId, username);
    const slot = file.vaultId === vaultId ? file.slots.find((candidate) => candidate.slotId === slotId) : undefined;
    if (slot === undefined) throw new VaultKeyError('no-such-slot', `User "${username}" has no key slot in this vault; sign in again.`);
    if (slot.signingKey !== undefined) {
      const opened = openSlotSigningKey(vaultId, slot, kek);
      if (opened === null) {
        throw new VaultKeyError('corrupt-key-file', `The audit-signing key in the key slot of "${username}" does not open: the key file was altered. Restore vault.keys.json from a backup and run "pamdesk audit verify".`);
      }
      return { ...opened, created: false };
    }
    const { privateKey, publicKey: publicKeyObject } = generateKeyPairSync('ed25519');
    const publicKey = publicKeyObject.export({ format: 'der', type: 'spki' }).toString('base64');
    const signingKey = sealSigningKey(vaultId, slotId, kek, privateKey, publicKey);
    await writeKeyFile(dataDir, { ...file, slots: file.slots.map((candidate) => (candidate.slotId === slotId ? { ...candidate, signingKey } : candidate)) });
    return { publicKey, privateKey, created: true };
  });
}

/** The public signing keys recorded in the key file, by slot id, and every slot id (for the verifier). */
export async function keyFileSigningKeys(dataDir: string): Promise<{ readonly vaultId: string; readonly bySlot: ReadonlyMap<string, string>; readonly slotIds: ReadonlySet<string> }> {
  const file = await readKeyFile(dataDir);
  const bySlot = new Map<string, string>();
  for (const slot of file.slots) if (slot.signingKey) bySlot.set(slot.slotId, slot.signingKey.publicKey);
  return { vaultId: file.vaultId, bySlot, slotIds: new Set(file.slots.map((slot) => slot.slotId)) };
}
