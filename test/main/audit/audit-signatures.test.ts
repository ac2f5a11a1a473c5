import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { appendAudit } from '../../../main/audit/append-audit';
import { AuditSigners, bindAuditSigners } from '../../../main/audit/audit-signers';
import { hashAuditEntry } from '../../../main/audit/audit-hash';
import { signAuditHash } from '../../../main/audit/audit-signing';
import { readWitness, writeWitness } from '../../../main/audit/audit-witness';
import { verifyAuditChain, verifyAuditTrail, type AuditAnchors } from '../../../main/audit/verify-audit-chain';
import type { KeyValueStore } from '../../../main/settings/settings-store';
import type { AuditLogTable, VaultDatabase } from '../../../main/vault/database/vault-schema';
import { slotIdFor } from '../../../main/vault/keys/slot-id';
import { useScratchVaultDatabase } from '../../support/scratch-vault-database';

const scratch = useScratchVaultDatabase();
const VAULT_ID = 'vault-under-test';

interface Person {
  readonly name: string;
  readonly privateKey: KeyObject;
  readonly publicKey: string;
}

function person(name: string): Person {
  const pair = generateKeyPairSync('ed25519');
  return { name, privateKey: pair.privateKey, publicKey: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64') };
}

function memoryStore(): KeyValueStore & { readonly data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, get: (key) => data.get(key), set: (key, value) => void data.set(key, value) };
}

/** A scratch vault database whose users alice (who runs the core) and bob sign what they do. */
async function signedWorld() {
  const { db, driver } = await scratch();
  const alice = person('alice');
  const bob = person('bob');
  const now = new Date().toISOString();
  for (const p of [alice, bob]) await db.insertInto('users').values({ id: p.name, username: p.name, role: 'operator', created_at: now, signing_public_key: p.publicKey }).execute();
  const signers = new AuditSigners();
  signers.add(alice.name, alice.privateKey);
  signers.add(bob.name, bob.privateKey);
  bindAuditSigners(db, signers);
  const keyFileKeys = new Map([alice, bob].map((p) => [slotIdFor(VAULT_ID, p.name), p.publicKey] as const));
  const anchors = (witnesses: AuditAnchors['witnesses'] = []): AuditAnchors => ({ vaultId: VAULT_ID, keyFileKeys, witnesses });
  return { db, driver, alice, bob, signers, keyFileKeys, anchors };
}

async function seed(db: Kysely<VaultDatabase>, count: number): Promise<void> {
  const actors = ['alice', 'bob', 'system'];
  for (let i = 0; i < count; i += 1) await appendAudit(db, { actor: actors[i % 3] ?? 'system', shell: 'desktop', action: 'credential.reveal', objectType: 'credential', objectId: String(i) });
}

/** Flips one bit of entry `id`'s signature: still well-formed, no longer valid. */
function garbleSignature(driver: Database.Database, id: number): void {
  const row = driver.prepare('SELECT signature FROM audit_log WHERE id = ?').get(id) as { signature: string };
  const bytes = Buffer.from(row.signature, 'base64');
  bytes[10] = (bytes[10] ?? 0) ^ 1;
  driver.prepare('UPDATE audit_log SET signature = ? WHERE id = ?').run(bytes.toString('base64'), id);
}

/**
 * Runs `check` on a copy of the trail in which entry `id`'s details were changed and every hash
 * from there, and the head, recomputed; `resign` gives a new signature for a row (or keeps its
 * old one). The rows are put back afterwards, so one seeded trail serves several forgeries.
 */
async function withEditedEntry<T>(driver: Database.Database, id: number, resign: (row: { signer: string | null; hash: string }) => string | undefined, check: () => Promise<T>): Promise<T> {
  const original = driver.prepare('SELECT * FROM audit_log WHERE id >= ? ORDER BY id').all(id) as AuditLogTable[];
  const head = driver.prepare("SELECT value FROM meta WHERE key = 'audit.head'").get() as { value: string };
  const put = driver.prepare('UPDATE audit_log SET details = @details, prev_hash = @prev_hash, hash = @hash, signature = @signature WHERE id = @id');
  const before = driver.prepare('SELECT hash FROM audit_log WHERE id = ?').get(id - 1) as { hash: string };
  let prevHash = before.hash;
  for (const row of original) {
    const edited = { ...row, details: row.id === id ? '{"forged":true}' : row.details, prev_hash: prevHash };
    const hash = hashAuditEntry(edited);
    put.run({ ...edited, hash, signature: resign({ signer: row.signer, hash }) ?? row.signature });
    prevHash = hash;
  }
  driver.prepare("UPDATE meta SET value = ? WHERE key = 'audit.head'").run(JSON.stringify({ id: original.at(-1)?.id, hash: prevHash }));
  try {
    return await check();
  } finally {
    for (const row of original) put.run(row);
    driver.prepare("UPDATE meta SET value = ? WHERE key = 'audit.head'").run(head.value);
  }
}

async function dropGuards(db: Kysely<VaultDatabase>): Promise<void> {
  await sql`DROP TRIGGER audit_log_no_update`.execute(db);
  await sql`DROP TRIGGER audit_log_no_delete`.execute(db);
}

describe('signed audit entries', () => {
  it("signs each entry with its actor's key and 'system' entries with the key of the user running the core", async () => {
    const { db, anchors } = await signedWorld();
    await seed(db, 6);
    const rows = await db.selectFrom('audit_log').select(['actor', 'signer', 'signature']).orderBy('id').execute();
    expect(rows.map((r) => [r.actor, r.signer])).toEqual([
      ['alice', 'alice'],
      ['bob', 'bob'],
      ['system', 'alice'],
      ['alice', 'alice'],
      ['bob', 'bob'],
      ['system', 'alice'],
    ]);
    for (const row of rows) expect(Buffer.from(row.signature ?? '', 'base64')).toHaveLength(64);
    expect(await verifyAuditChain(db, anchors())).toEqual({ ok: true, count: 6 });
  });

  it('refuses, writing nothing, an entry whose actor has no open signing key', async () => {
    const { db } = await signedWorld();
    await expect(appendAudit(db, { actor: 'carol', shell: 'desktop', action: 'credential.reveal' })).rejects.toThrow(/"carol" cannot be signed.*Sign in again/);
    expect(await db.selectFrom('audit_log').select('id').execute()).toEqual([]);
  });

  it("reports a damaged signature on an old, intact entry only when every signature is checked, naming the entry", async () => {
    const { db, anchors, driver } = await signedWorld();
    await seed(db, 9);
    await dropGuards(db);
    garbleSignature(driver, 5);
    // Entry 5 is not bob's newest (8 is), and its contents and hash are intact: the default walk
    // verifies the chain and the newest signatures, and says so.
    expect(await verifyAuditTrail(db, anchors())).toEqual({ verdict: { ok: true, count: 9 }, signatures: { mode: 'newest-per-signer', checked: 2 } });
    const verdict = await verifyAuditChain(db, anchors(), { everySignature: true });
    expect(verdict).toMatchObject({ ok: false, firstBrokenId: 5, kind: 'rewritten' });
    expect(verdict.ok ? '' : verdict.reason).toMatch(/signature of entry 5 does not verify with bob's key/);
  });

  it('checks every signature on worker threads too, and then names the damaged one as the ordered walk does', async () => {
    const { db, anchors, driver } = await signedWorld();
    await seed(db, 9);
    await dropGuards(db);
    const onThreads = { everySignature: true, signatureThreads: 2, driver } as const;
    expect(await verifyAuditTrail(db, anchors(), onThreads)).toEqual({ verdict: { ok: true, count: 9 }, signatures: { mode: 'every', checked: 9 } });
    garbleSignature(driver, 5);
    const ordered = await verifyAuditChain(db, anchors(), { everySignature: true, signatureThreads: 0 });
    expect(ordered).toMatchObject({ ok: false, firstBrokenId: 5, reason: expect.stringMatching(/signature of entry 5 does not verify with bob's key/) });
    expect(await verifyAuditChain(db, anchors(), onThreads)).toEqual(ordered);
  });

  it("reports a damaged signature on a signer's newest entry by default", async () => {
    const { db, anchors, driver } = await signedWorld();
    await seed(db, 9);
    await dropGuards(db);
    garbleSignature(driver, 8);
    const verdict = await verifyAuditChain(db, anchors());
    expect(verdict).toMatchObject({ ok: false, firstBrokenId: 8, kind: 'rewritten', reason: expect.stringMatching(/signature of entry 8 does not verify with bob's key/) });
    expect(await verifyAuditChain(db, anchors(), { everySignature: true })).toEqual(verdict);
  });

  it('catches by default a middle entry edited with its chain recomputed, naming the same entry as a check of every signature', async () => {
    const { db, anchors, driver, alice } = await signedWorld();
    await seed(db, 9);
    await dropGuards(db);
    // Without anyone's key: entry 4's own signature no longer matches its new hash.
    const plain = await withEditedEntry(driver, 4, () => undefined, () => verifyAuditChain(db, anchors()));
    expect(plain).toMatchObject({ ok: false, firstBrokenId: 4, reason: expect.stringMatching(/signature of entry 4 does not verify with alice's key/) });
    // Holding alice's key (she also signs for 'system'), the forger re-signs her entries; bob's
    // entries after the edit (5 and 8) still carry signatures of the old hashes.
    const resign = (row: { signer: string | null; hash: string }) => (row.signer === 'alice' ? signAuditHash(alice.privateKey, 'alice', row.hash) : undefined);
    const byDefault = await withEditedEntry(driver, 4, resign, () => verifyAuditChain(db, anchors()));
    expect(byDefault).toMatchObject({ ok: false, firstBrokenId: 5, kind: 'rewritten', reason: expect.stringMatching(/signature of entry 5 does not verify with bob's key/) });
    expect(await withEditedEntry(driver, 4, resign, () => verifyAuditChain(db, anchors(), { everySignature: true }))).toEqual(byDefault);
  });

  it("reports an entry re-signed with another user's key, and one stripped of its signature", async () => {
    const { db, anchors, driver, alice } = await signedWorld();
    await seed(db, 6);
    await dropGuards(db);
    const bobs = driver.prepare('SELECT hash FROM audit_log WHERE id = 2').get() as { hash: string };
    driver.prepare("UPDATE audit_log SET signer = 'alice', signature = ? WHERE id = 2").run(signAuditHash(alice.privateKey, 'alice', bobs.hash));
    const resigned = await verifyAuditChain(db, anchors());
    expect(resigned).toMatchObject({ ok: false, firstBrokenId: 2, kind: 'rewritten' });
    expect(resigned.ok ? '' : resigned.reason).toMatch(/entry 2, by bob, is signed with the key of alice/);

    driver.prepare('UPDATE audit_log SET signer = NULL, signature = NULL WHERE id = 2').run();
    const stripped = await verifyAuditChain(db, anchors());
    expect(stripped.ok ? '' : stripped.reason).toMatch(/entry 2 carries no signature although the entries before it are signed/);
  });

  it('reports a signing key that differs between the vault database and the key file', async () => {
    const { db, anchors, driver } = await signedWorld();
    await seed(db, 4);
    // An attacker with the database key swaps bob's public key for their own, to forge bob's entries.
    driver.prepare("UPDATE users SET signing_public_key = ? WHERE username = 'bob'").run(person('mallory').publicKey);
    const verdict = await verifyAuditChain(db, anchors());
    expect(verdict).toMatchObject({ ok: false, firstBrokenId: 2, kind: 'rewritten' });
    expect(verdict.ok ? '' : verdict.reason).toMatch(/signing key of bob in the vault database differs from the one in the key file/);
  });

  it("checks a removed user's entries against the database's key, but reports a slot that lost its key", async () => {
    const { db, anchors, keyFileKeys } = await signedWorld();
    await seed(db, 4);
    const bobSlot = slotIdFor(VAULT_ID, 'bob');
    const withoutBob = new Map([...keyFileKeys].filter(([slot]) => slot !== bobSlot));
    const removed = await verifyAuditChain(db, { ...anchors(), keyFileKeys: withoutBob, keyFileSlots: new Set(withoutBob.keys()) });
    expect(removed).toEqual({ ok: true, count: 4 });
    const stripped = await verifyAuditChain(db, { ...anchors(), keyFileKeys: withoutBob, keyFileSlots: new Set(keyFileKeys.keys()) });
    expect(stripped).toMatchObject({ ok: false, firstBrokenId: 2, reason: expect.stringMatching(/signed by bob, whose key slot holds no signing key/) });
  });

  it('accepts unsigned entries older than the first signed one (a vault from before signatures)', async () => {
    const { db, driver, anchors } = await signedWorld();
    await seed(db, 3);
    await dropGuards(db);
    driver.prepare('UPDATE audit_log SET signer = NULL, signature = NULL').run();
    await seed(db, 3);
    expect(await verifyAuditChain(db, anchors())).toEqual({ ok: true, count: 6 });
  });
});

describe('witnessed heads', () => {
  it('reports a trail cut below the head a user witnessed, even with the database head fixed', async () => {
    const { db, driver, anchors, bob } = await signedWorld();
    await seed(db, 12);
    const store = memoryStore();
    const bobSlot = slotIdFor(VAULT_ID, 'bob');
    const head = driver.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string };
    writeWitness(store, VAULT_ID, bobSlot, head, bob.privateKey, new Date('2026-01-02T03:04:05Z'));
    const reading = readWitness(store, VAULT_ID, bobSlot, bob.publicKey);
    if (reading.kind !== 'valid') throw new Error('the witness just written should read back');
    expect(await verifyAuditChain(db, anchors([reading.witness]))).toEqual({ ok: true, count: 12 });

    await dropGuards(db);
    driver.prepare('DELETE FROM audit_log WHERE id > 8').run();
    const last = driver.prepare('SELECT id, hash FROM audit_log WHERE id = 8').get() as { id: number; hash: string };
    driver.prepare("UPDATE meta SET value = ? WHERE key = 'audit.head'").run(JSON.stringify(last));
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 8 });
    const verdict = await verifyAuditChain(db, anchors([reading.witness]));
    expect(verdict).toMatchObject({ ok: false, firstBrokenId: 9, kind: 'truncated' });
    expect(verdict.ok ? '' : verdict.reason).toMatch(/a user saw the trail reach entry 12 \(2026-01-02T03:04:05.000Z\), but it now ends at entry 8: entries 9..12 were removed/);
  });

  it('reports a witnessed entry whose hash changed, and a witness not signed by its slot key', async () => {
    const { db, driver, anchors, alice } = await signedWorld();
    await seed(db, 5);
    const store = memoryStore();
    const slot = slotIdFor(VAULT_ID, 'alice');
    const head = driver.prepare('SELECT id, hash FROM audit_log WHERE id = 5').get() as { id: number; hash: string };
    writeWitness(store, VAULT_ID, slot, { id: 5, hash: 'f'.repeat(64) }, alice.privateKey, new Date());
    const reading = readWitness(store, VAULT_ID, slot, alice.publicKey);
    if (reading.kind !== 'valid') throw new Error('valid witness expected');
    expect(await verifyAuditChain(db, anchors([reading.witness]))).toMatchObject({ ok: false, firstBrokenId: 5, kind: 'rewritten', reason: expect.stringMatching(/entry 5 is not the one a user saw/) });

    writeWitness(store, VAULT_ID, slot, head, person('mallory').privateKey, new Date());
    expect(readWitness(store, VAULT_ID, slot, alice.publicKey)).toEqual({ kind: 'forged', claimedId: 5 });
    const altered = await verifyAuditChain(db, { ...anchors(), alteredWitnesses: [5] });
    expect(altered).toMatchObject({ ok: false, kind: 'rewritten', reason: expect.stringMatching(/no longer verifies with that user's signing key in the key file/) });
    // A witness of another vault in the same folder says nothing about this one.
    expect(readWitness(store, 'another-vault', slot, alice.publicKey)).toEqual({ kind: 'none' });
  });
});
