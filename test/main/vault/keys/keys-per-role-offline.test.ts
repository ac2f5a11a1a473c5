import { createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, hkdfSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashRaw, type Algorithm } from '@node-rs/argon2';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { encodeFieldLocation } from '../../../../main/vault/field-aad';
import { slotIdFor } from '../../../../main/vault/keys/slot-id';
import { useTempDirs } from '../../../support/temp-dir';
import { testCore, WINDOW_A } from '../../../support/test-core';

/**
 * The attack the issue names: an auditor (or approver) copies vault.keys.json and vault.db and works
 * offline with their own passphrase, below pamdesk, with the primitives anyone has (Argon2id,
 * AES-GCM, X25519, HKDF, SQLCipher). Their slot opens the metadata; nothing it yields opens a secret.
 * The administrator's slot, attacked the same way, does open it: the attack code is not just broken.
 */
const tempDir = useTempDirs();
const SECRET = 'offline-attack-target-9Xv!';
const HKDF_LABELS = ['pamdesk/vault/database-key/v1', 'pamdesk/vault/field-key/v1', 'pamdesk/vault/metadata-field-key/v2', 'pamdesk/vault/secrets-field-key/v2'];

interface RawSlot {
  slotId: string;
  salt: string;
  kdf: { memoryKiB: number; passes: number; parallelism: number };
  boxPublicKey: string;
  wrappedBoxPrivateKey: string;
  envelopes: { generation: number; sealed: string }[];
}

function gcmOpen(key: Buffer, nonce: Buffer, tag: Buffer, body: Buffer, aad?: Buffer): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: 16 });
    if (aad) decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    return null;
  }
}

/** Everything one slot gives its passphrase's holder: the KEK, the box private key, every envelope's plaintext. */
async function everythingTheSlotYields(vaultId: string, slot: RawSlot, passphrase: string): Promise<Buffer[]> {
  const kek = Buffer.from(
    await hashRaw(Buffer.from(passphrase, 'utf8'), { algorithm: 2 as Algorithm, memoryCost: slot.kdf.memoryKiB, timeCost: slot.kdf.passes, parallelism: slot.kdf.parallelism, outputLen: 32, salt: Buffer.from(slot.salt, 'base64') }),
  );
  const wrapped = Buffer.from(slot.wrappedBoxPrivateKey, 'base64');
  const boxPrivate = gcmOpen(kek, wrapped.subarray(1, 13), wrapped.subarray(13, 29), wrapped.subarray(29), Buffer.from(`pamdesk/key-slot-box/v2\0${vaultId}\0${slot.slotId}\0${slot.boxPublicKey}`, 'utf8'));
  if (boxPrivate === null) throw new Error('the passphrase did not open the slot');
  const yielded: Buffer[] = [kek, boxPrivate];
  for (const envelope of slot.envelopes) {
    const bytes = Buffer.from(envelope.sealed, 'base64');
    const ephemeral = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: bytes.subarray(0, 32).toString('base64url') }, format: 'jwk' });
    const shared = diffieHellman({ privateKey: createPrivateKey({ key: boxPrivate, format: 'der', type: 'pkcs8' }), publicKey: ephemeral });
    const key = Buffer.from(hkdfSync('sha256', shared, bytes.subarray(0, 32), Buffer.from('pamdesk sealed box v1'), 32));
    const plain = gcmOpen(key, bytes.subarray(32, 44), bytes.subarray(44, 60), bytes.subarray(60));
    if (plain === null) throw new Error('an envelope did not open');
    yielded.push(plain);
    // Every 32-byte window of the plaintext, in case a key hides at any offset.
    for (let offset = 0; offset + 32 <= plain.length; offset += 1) yielded.push(plain.subarray(offset, offset + 32));
  }
  return yielded;
}

function candidateKeys(yielded: readonly Buffer[]): Buffer[] {
  const keys: Buffer[] = [];
  for (const material of yielded) {
    if (material.length === 32) keys.push(material);
    for (const label of HKDF_LABELS) keys.push(Buffer.from(hkdfSync('sha256', material, Buffer.alloc(0), label, 32)));
  }
  return keys;
}

function openDatabase(path: string, keys: readonly Buffer[]): Database.Database | null {
  for (const key of keys) {
    const driver = new Database(path, { readonly: true, fileMustExist: true });
    driver.pragma("cipher = 'sqlcipher'");
    driver.pragma('legacy = 4');
    driver.key(Buffer.from(`x'${key.toString('hex')}'`));
    try {
      driver.prepare('SELECT count(*) FROM sqlite_master').get();
      return driver;
    } catch {
      driver.close();
    }
  }
  return null;
}

function secretsOpenedWith(keys: readonly Buffer[], rows: readonly { id: number; content: Buffer }[]): string[] {
  const opened: string[] = [];
  for (const row of rows) {
    const aad = encodeFieldLocation({ table: 'credentials', column: 'content', rowId: String(row.id) });
    for (const key of keys) {
      const plain = gcmOpen(key, row.content.subarray(1, 13), row.content.subarray(13, 29), row.content.subarray(29), aad);
      if (plain !== null) opened.push(plain.toString('utf8'));
    }
  }
  return opened;
}

describe('keys per role, offline', () => {
  it("an auditor's and an approver's slot open the metadata but no key they can derive opens a secret; the administrator's does", async () => {
    const dataDir = tempDir();
    const core = testCore(dataDir);
    const call = async (channel: string, payload: unknown) => {
      const result = await core.router.handle(WINDOW_A, channel, payload);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value as never;
    };
    await call('vault.create', { username: 'alice', passphrase: 'alice passphrase long' });
    await call('user.add', { username: 'carol', role: 'auditor', passphrase: 'carol passphrase long' });
    await call('user.add', { username: 'dave', role: 'approver', passphrase: 'dave passphrase long' });
    await call('device.upsert', { hostname: 'h1', ip: '10.0.0.1' });
    await call('credential.upsert', { username: 'root', hostname: 'h1', ip: '10.0.0.1', content: SECRET, identifier: 'h1-root' });
    await core.close();

    const file = JSON.parse(readFileSync(join(dataDir, 'vault.keys.json'), 'utf8')) as { vaultId: string; slots: RawSlot[] };
    const slotOf = (username: string): RawSlot => {
      const slot = file.slots.find((candidate) => candidate.slotId === slotIdFor(file.vaultId, username));
      if (!slot) throw new Error(`no slot for ${username}`);
      return slot;
    };
    const attack = async (username: string) => {
      const keys = candidateKeys(await everythingTheSlotYields(file.vaultId, slotOf(username), `${username} passphrase long`));
      const driver = openDatabase(join(dataDir, 'vault.db'), keys);
      if (driver === null) throw new Error(`${username}'s slot did not open the database`);
      try {
        const users = driver.prepare('SELECT username FROM users ORDER BY username').all();
        const rows = driver.prepare('SELECT id, content FROM credentials WHERE content IS NOT NULL').all() as { id: number; content: Buffer }[];
        return { users, rows: rows.length, secrets: secretsOpenedWith(keys, rows) };
      } finally {
        driver.close();
      }
    };

    for (const username of ['carol', 'dave']) {
      const outcome = await attack(username);
      expect(outcome.users).toEqual([{ username: 'alice' }, { username: 'carol' }, { username: 'dave' }]);
      expect(outcome.rows).toBe(1);
      expect(outcome.secrets).toEqual([]);
    }
    // The same attack with the administrator's passphrase finds the secret: the method works.
    expect((await attack('alice')).secrets).toEqual([SECRET]);
  });
});
