import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';

/**
 * Anonymous public-key encryption (X25519 + HKDF-SHA256 + AES-256-GCM): anyone holding the public
 * key can seal a message that only the private key's holder opens. It lets a locked pamdesk write
 * something for the vault without holding the vault's keys.
 */
const INFO = Buffer.from('pamdesk sealed box v1');
const PUBLIC_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface SealedBoxKeys {
  /** SPKI DER, base64: safe to keep in the clear. */
  readonly publicKey: string;
  /** PKCS#8 DER: a secret, seal it before storing. */
  readonly privateKey: Buffer;
}

export function newSealedBoxKeys(): SealedBoxKeys {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }),
  };
}

export function sealTo(publicKey: string, plaintext: string | Buffer): string {
  const recipient = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralRaw = rawPublic(ephemeral.publicKey);
  const key = boxKey(diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient }), ephemeralRaw);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  const body = Buffer.concat([typeof plaintext === 'string' ? cipher.update(plaintext, 'utf8') : cipher.update(plaintext), cipher.final()]);
  key.fill(0);
  return Buffer.concat([ephemeralRaw, nonce, cipher.getAuthTag(), body]).toString('base64');
}

/** Opens a box; throws if it was not sealed to this key or was changed. */
export function openSealed(privateKey: Buffer, sealed: string): string {
  const clear = openSealedBytes(privateKey, sealed);
  try {
    return clear.toString('utf8');
  } finally {
    clear.fill(0);
  }
}

/** Like openSealed, for binary content the caller zeroes after use. */
export function openSealedBytes(privateKey: Buffer, sealed: string): Buffer {
  const bytes = Buffer.from(sealed, 'base64');
  if (bytes.length < PUBLIC_BYTES + NONCE_BYTES + TAG_BYTES) throw new Error('The sealed box is truncated.');
  const ephemeralRaw = bytes.subarray(0, PUBLIC_BYTES);
  const ephemeral = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: ephemeralRaw.toString('base64url') }, format: 'jwk' });
  const own = createPrivateKey({ key: privateKey, format: 'der', type: 'pkcs8' });
  const key = boxKey(diffieHellman({ privateKey: own, publicKey: ephemeral }), ephemeralRaw);
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(PUBLIC_BYTES, PUBLIC_BYTES + NONCE_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAuthTag(bytes.subarray(PUBLIC_BYTES + NONCE_BYTES, PUBLIC_BYTES + NONCE_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(PUBLIC_BYTES + NONCE_BYTES + TAG_BYTES)), decipher.final()]);
  } finally {
    key.fill(0);
  }
}

function rawPublic(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.from(jwk.x ?? '', 'base64url');
}

/** The shared secret is hashed with the ephemeral key as salt, so each box has its own AES key. */
function boxKey(shared: Buffer, ephemeralRaw: Buffer): Buffer {
  const key = Buffer.from(hkdfSync('sha256', shared, ephemeralRaw, INFO, 32));
  shared.fill(0);
  return key;
}
