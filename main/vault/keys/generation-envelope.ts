import { createPrivateKey, createPublicKey } from 'node:crypto';
import { KEY_BYTES } from './derive-kek';
import type { GenerationEnvelope, KeySlot } from './key-file';
import type { KeyGeneration } from './key-generation';
import { unwrapKey, wrapKey } from './key-wrap';
import { newSealedBoxKeys, openSealedBytes, sealTo } from './sealed-box';

/**
 * A key generation sealed to one slot's X25519 box public key. Sealing needs only the public key,
 * so an administrator can hand the remaining users a new generation during a rotation without
 * knowing their passphrases; opening needs the box private key, which only the slot's KEK unwraps.
 *
 * Plaintext: version(1) | generation(u32 BE) | hasSecrets(1) | master(32) | [secrets(32)] | binding,
 * binding = "vaultId\0slotId": a sealed box has no AAD, so the binding inside it stops an envelope
 * being pasted into another slot or vault.
 */
const ENVELOPE_VERSION = 1;

export interface SlotBox {
  readonly boxPublicKey: string;
  readonly wrappedBoxPrivateKey: string;
}

function boxAad(vaultId: string, slotId: string, publicKey: string): Buffer {
  return Buffer.from(`pamdesk/key-slot-box/v2\0${vaultId}\0${slotId}\0${publicKey}`, 'utf8');
}

/** A fresh box for a slot, its private half wrapped under the slot's KEK. */
export function newSlotBox(vaultId: string, slotId: string, kek: Buffer): SlotBox {
  const keys = newSealedBoxKeys();
  try {
    return { boxPublicKey: keys.publicKey, wrappedBoxPrivateKey: wrapKey(kek, keys.privateKey, boxAad(vaultId, slotId, keys.publicKey)).toString('base64') };
  } finally {
    keys.privateKey.fill(0);
  }
}

/** The slot's box private key (PKCS#8 DER, caller zeroes), or null when `kek` does not open it. */
export function openSlotBox(vaultId: string, slot: KeySlot, kek: Buffer): Buffer | null {
  if (slot.boxPublicKey === undefined || slot.wrappedBoxPrivateKey === undefined) return null;
  const privateKey = unwrapKey(kek, Buffer.from(slot.wrappedBoxPrivateKey, 'base64'), boxAad(vaultId, slot.slotId, slot.boxPublicKey));
  if (privateKey === null) return null;
  // The AAD binds the public key; this also catches a pair that does not belong together.
  const derived = createPublicKey(createPrivateKey({ key: privateKey, format: 'der', type: 'pkcs8' })).export({ format: 'der', type: 'spki' }).toString('base64');
  if (derived !== slot.boxPublicKey) {
    privateKey.fill(0);
    return null;
  }
  return privateKey;
}

export function sealEnvelope(vaultId: string, slotId: string, boxPublicKey: string, keys: KeyGeneration): GenerationEnvelope {
  const header = Buffer.alloc(6);
  header[0] = ENVELOPE_VERSION;
  header.writeUInt32BE(keys.generation, 1);
  header[5] = keys.secretsKey === null ? 0 : 1;
  const plaintext = Buffer.concat([header, keys.masterKey, ...(keys.secretsKey ? [keys.secretsKey] : []), binding(vaultId, slotId)]);
  try {
    return { generation: keys.generation, sealed: sealTo(boxPublicKey, plaintext) };
  } finally {
    plaintext.fill(0);
  }
}

/** Opens one envelope with the slot's box private key; throws when it does not belong to this slot. */
export function openEnvelope(vaultId: string, slotId: string, boxPrivateKey: Buffer, envelope: GenerationEnvelope): KeyGeneration {
  const plain = openSealedBytes(boxPrivateKey, envelope.sealed);
  try {
    const hasSecrets = plain[5] === 1;
    const keysEnd = 6 + KEY_BYTES * (hasSecrets ? 2 : 1);
    const bound = plain.subarray(keysEnd);
    if (plain[0] !== ENVELOPE_VERSION || plain.length < keysEnd || plain.readUInt32BE(1) !== envelope.generation || !bound.equals(binding(vaultId, slotId))) {
      throw new Error('A key envelope in the key file does not belong to this slot or vault.');
    }
    return {
      generation: envelope.generation,
      masterKey: Buffer.from(plain.subarray(6, 6 + KEY_BYTES)),
      secretsKey: hasSecrets ? Buffer.from(plain.subarray(6 + KEY_BYTES, keysEnd)) : null,
    };
  } finally {
    plain.fill(0);
  }
}

function binding(vaultId: string, slotId: string): Buffer {
  return Buffer.from(`${vaultId}\0${slotId}`, 'utf8');
}
