import { hkdfSync, randomBytes } from 'node:crypto';
import { KEY_BYTES } from './derive-kek';

// Distinct HKDF info labels: the database key and the field key are independent, so neither
// reveals the other and a bug that leaks one does not open both layers.
const DATABASE_KEY_INFO = 'pamdesk/vault/database-key/v1';
const FIELD_KEY_INFO = 'pamdesk/vault/field-key/v1';

export function generateMasterKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

function deriveSubkey(masterKey: Buffer, info: string): Buffer {
  if (masterKey.length !== KEY_BYTES) {
    throw new Error(`The vault master key must be ${KEY_BYTES} bytes, got ${masterKey.length}.`);
  }
  // The master key is uniformly random, so an empty salt is fine (RFC 5869 section 3.1).
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, KEY_BYTES));
}

export function deriveDatabaseKey(masterKey: Buffer): Buffer {
  return deriveSubkey(masterKey, DATABASE_KEY_INFO);
}

export function deriveFieldKey(masterKey: Buffer): Buffer {
  return deriveSubkey(masterKey, FIELD_KEY_INFO);
}
