import { randomBytes } from 'node:crypto';
import { deriveKek } from './derive-kek';
import type { KdfParams } from './kdf-params';
import type { KeySlot } from './key-file';
import { unwrapKey, wrapKey } from './key-wrap';

const SALT_BYTES = 16;

/** Binds a wrapped master key to its vault and slot: a slot pasted into another vault or user fails. */
function slotAad(vaultId: string, slotId: string): Buffer {
  return Buffer.from(`pamdesk/key-slot/v1\0${vaultId}\0${slotId}`, 'utf8');
}

export interface SealedSlot {
  readonly slot: KeySlot;
  /** The slot's key-encryption key; the caller owns it and must zero it. */
  readonly kek: Buffer;
}

export async function sealSlot(
  vaultId: string,
  slotId: string,
  passphrase: string,
  masterKey: Buffer,
  kdf: KdfParams,
): Promise<SealedSlot> {
  const salt = randomBytes(SALT_BYTES);
  const kek = await deriveKek(passphrase, salt, kdf);
  const wrapped = wrapKey(kek, masterKey, slotAad(vaultId, slotId));
  return {
    kek,
    slot: {
      slotId,
      kdf: { ...kdf },
      salt: salt.toString('base64'),
      wrappedMasterKey: wrapped.toString('base64'),
      failedAttempts: 0,
      lastFailureAt: null,
    },
  };
}

/** Returns the master key, or null when `kek` does not open this slot. */
export function openSlot(vaultId: string, slot: KeySlot, kek: Buffer): Buffer | null {
  return unwrapKey(kek, Buffer.from(slot.wrappedMasterKey, 'base64'), slotAad(vaultId, slot.slotId));
}

export async function deriveSlotKek(slot: KeySlot, passphrase: string): Promise<Buffer> {
  return deriveKek(passphrase, Buffer.from(slot.salt, 'base64'), slot.kdf);
}
