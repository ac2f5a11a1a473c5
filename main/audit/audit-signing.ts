import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

const SIGNATURE_DOMAIN = 'pamdesk/audit-signature/v1';

/**
 * What a signature covers: the signer's name and the entry's hash. The hash already covers every
 * stored field and the previous entry's hash, so a signed entry pins the whole trail before it.
 */
export function signedBytes(signer: string, hash: string): Buffer {
  return Buffer.from(`${SIGNATURE_DOMAIN}\0${signer.normalize('NFC').trim().toLowerCase()}\0${hash}`, 'utf8');
}

/** Ed25519 signature (base64) of an entry's hash by `signer`'s private key. */
export function signAuditHash(privateKey: KeyObject, signer: string, hash: string): string {
  return sign(null, signedBytes(signer, hash), privateKey).toString('base64');
}

/** An SPKI DER public key (base64) as a key object, or null when it is not one. */
export function parseSigningPublicKey(publicKey: string): KeyObject | null {
  try {
    return createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
  } catch {
    return null;
  }
}

/** True when `signature` is `signer`'s signature of `hash` under `publicKey`. */
export function verifyAuditSignature(publicKey: KeyObject, signer: string, hash: string, signature: string): boolean {
  try {
    return verify(null, signedBytes(signer, hash), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    // A malformed signature is simply not a valid signature.
    return false;
  }
}
