import { randomBytes } from 'node:crypto';
import { deriveKek } from './derive-kek';
import { newSlotBox, openEnvelope, openSlotBox, sealEnvelope } from './generation-envelope';
import type { KdfParams } from './kdf-params';
import type { KeySlot } from './key-file';
import { LEGACY_GENERATION, type KeyGeneration } from './key-generation';
import { unwrapKey, wrapKey } from './key-wrap';
import { carrySigningKey } from './signing-key';

const SALT_BYTES = 16;

/** Format 1: binds a wrapped master key to its vault and slot, so a slot pasted into another vault or user fails. */
function legacySlotAad(vaultId: string, slotId: string): Buffer {
  return Buffer.from(`pamdesk/key-slot/v1\0${vaultId}\0${slotId}`, 'utf8');
}

export interface SealedSlot {
  readonly slot: KeySlot;
  /** The slot's key-encryption key; the caller owns it and must zero it. */
  readonly kek: Buffer;
}

/**
 * A new format-2 slot: a fresh box under the passphrase's KEK, holding `keys` (pass them through
 * `withoutSecrets` for a role that may not decrypt secrets).
 */
export async function sealSlot(vaultId: string, slotId: string, passphrase: string, keys: KeyGeneration, kdf: KdfParams): Promise<SealedSlot> {
  const salt = randomBytes(SALT_BYTES);
  const kek = await deriveKek(passphrase, salt, kdf);
  const box = newSlotBox(vaultId, slotId, kek);
  return {
    kek,
    slot: {
      slotId,
      kdf: { ...kdf },
      salt: salt.toString('base64'),
      failedAttempts: 0,
      lastFailureAt: null,
      ...box,
      envelopes: [sealEnvelope(vaultId, slotId, box.boxPublicKey, keys)],
    },
  };
}

/**
 * Re-seals a slot under a new passphrase or stronger KDF: the box private key (or, for a format-1
 * slot, the master key) and the signing key are wrapped again under the new KEK; the envelopes,
 * sealed to the box public key, stay as they are.
 */
export async function resealSlot(vaultId: string, slot: KeySlot, oldKek: Buffer, passphrase: string, kdf: KdfParams): Promise<SealedSlot> {
  const salt = randomBytes(SALT_BYTES);
  const kek = await deriveKek(passphrase, salt, kdf);
  const base: KeySlot = { slotId: slot.slotId, kdf: { ...kdf }, salt: salt.toString('base64'), failedAttempts: 0, lastFailureAt: null };
  let resealed: KeySlot;
  if (slot.wrappedMasterKey !== undefined) {
    const master = unwrapKey(oldKek, Buffer.from(slot.wrappedMasterKey, 'base64'), legacySlotAad(vaultId, slot.slotId));
    if (master === null) throw new Error('The old key-encryption key does not open this slot.');
    resealed = { ...base, wrappedMasterKey: wrapKey(kek, master, legacySlotAad(vaultId, slot.slotId)).toString('base64') };
    master.fill(0);
  } else {
    const boxPrivate = openSlotBox(vaultId, slot, oldKek);
    if (boxPrivate === null || slot.boxPublicKey === undefined) throw new Error('The old key-encryption key does not open this slot.');
    const aad = Buffer.from(`pamdesk/key-slot-box/v2\0${vaultId}\0${slot.slotId}\0${slot.boxPublicKey}`, 'utf8');
    resealed = { ...base, boxPublicKey: slot.boxPublicKey, wrappedBoxPrivateKey: wrapKey(kek, boxPrivate, aad).toString('base64'), envelopes: slot.envelopes ?? [] };
    boxPrivate.fill(0);
  }
  return { kek, slot: carrySigningKey(vaultId, slot, oldKek, resealed, kek) };
}

/**
 * Every key generation this slot holds, newest first; null when `kek` does not open the slot (wrong
 * passphrase). A format-1 slot holds generation 0 only.
 */
export function openSlotGenerations(vaultId: string, slot: KeySlot, kek: Buffer): KeyGeneration[] | null {
  if (slot.wrappedMasterKey !== undefined) {
    const masterKey = unwrapKey(kek, Buffer.from(slot.wrappedMasterKey, 'base64'), legacySlotAad(vaultId, slot.slotId));
    return masterKey === null ? null : [{ generation: LEGACY_GENERATION, masterKey, secretsKey: null }];
  }
  const boxPrivate = openSlotBox(vaultId, slot, kek);
  if (boxPrivate === null) return null;
  try {
    return (slot.envelopes ?? [])
      .map((envelope) => openEnvelope(vaultId, slot.slotId, boxPrivate, envelope))
      .sort((a, b) => b.generation - a.generation);
  } finally {
    boxPrivate.fill(0);
  }
}

export async function deriveSlotKek(slot: KeySlot, passphrase: string): Promise<Buffer> {
  return deriveKek(passphrase, Buffer.from(slot.salt, 'base64'), slot.kdf);
}
