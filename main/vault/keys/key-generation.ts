import { hkdfSync, randomBytes } from 'node:crypto';
import { KEY_BYTES } from './derive-kek';
import { deriveDatabaseKey, deriveFieldKey } from './master-key';

/**
 * One generation of the vault's keys. The master key gives the SQLCipher key and the metadata field
 * key (non-secret sealed values such as the unlock-inbox key): every role holds it. The secrets key
 * is the root of the field cipher for secrets (passwords, keys, candidates, secret template
 * variables): only roles that may reveal or run changes hold it (`roleHoldsSecrets`).
 *
 * Generation 0 is the format-1 vault: one master key, the field key derived from it, held by every
 * slot. A rotation (or the first unlock of a format-1 vault by a secret-holding user) makes the next.
 */
export interface KeyGeneration {
  readonly generation: number;
  readonly masterKey: Buffer;
  /** null when this slot's role may not decrypt secrets (and always for generation 0, whose secrets hang off the master key). */
  readonly secretsKey: Buffer | null;
}

export const LEGACY_GENERATION = 0;
const METADATA_FIELD_KEY_INFO = 'pamdesk/vault/metadata-field-key/v2';
const SECRETS_FIELD_KEY_INFO = 'pamdesk/vault/secrets-field-key/v2';

export function newKeyGeneration(generation: number): KeyGeneration {
  return { generation, masterKey: randomBytes(KEY_BYTES), secretsKey: randomBytes(KEY_BYTES) };
}

/** The same generation without its secrets key (for a slot whose role may not decrypt secrets). */
export function withoutSecrets(keys: KeyGeneration): KeyGeneration {
  return { generation: keys.generation, masterKey: keys.masterKey, secretsKey: null };
}

export function zeroGeneration(keys: KeyGeneration): void {
  keys.masterKey.fill(0);
  keys.secretsKey?.fill(0);
}

export function databaseKeyOf(keys: KeyGeneration): Buffer {
  return deriveDatabaseKey(keys.masterKey);
}

export function metadataFieldKeyOf(keys: KeyGeneration): Buffer {
  if (keys.generation === LEGACY_GENERATION) return deriveFieldKey(keys.masterKey);
  return hkdf(keys.masterKey, METADATA_FIELD_KEY_INFO);
}

/** The field key for secrets, or null when this generation was opened without the secrets key. */
export function secretsFieldKeyOf(keys: KeyGeneration): Buffer | null {
  if (keys.generation === LEGACY_GENERATION) return deriveFieldKey(keys.masterKey);
  return keys.secretsKey === null ? null : hkdf(keys.secretsKey, SECRETS_FIELD_KEY_INFO);
}

function hkdf(key: Buffer, info: string): Buffer {
  // Both roots are uniformly random, so an empty salt is fine (RFC 5869 section 3.1).
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), info, KEY_BYTES));
}
