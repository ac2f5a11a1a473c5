import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appendAudit, appendAuditEntries } from '../../../main/audit/append-audit';
import type { NewAuditEntry } from '../../../main/audit/audit-entry';
import { GENESIS_HASH } from '../../../main/audit/audit-hash';
import { AuditSigners, bindAuditSigners } from '../../../main/audit/audit-signers';
import { verifyAuditChain } from '../../../main/audit/verify-audit-chain';
import { useScratchVaultDatabase } from '../../support/scratch-vault-database';

const scratch = useScratchVaultDatabase();

describe('appendAudit', () => {
  it('chains entries from the genesis hash with contiguous ids', async () => {
    const { db } = await scratch();
    const at = new Date('2025-01-02T03:04:05.000Z');
    const first = await appendAudit(db, { actor: 'alice', shell: 'desktop', action: 'credential.reveal', objectType: 'credential', objectId: 'c-1' }, { now: () => at });
    const second = await appendAudit(db, { actor: 'system', shell: 'system', action: 'vault.lock' });
    expect(first).toMatchObject({ id: 1, at: '2025-01-02T03:04:05.000Z', prevHash: GENESIS_HASH, details: null });
    expect(second).toMatchObject({ id: 2, prevHash: first.hash, objectType: null, objectId: null });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('redacts secret-looking keys before anything reaches the database', async () => {
    const { db } = await scratch();
    const record = await appendAudit(db, {
      actor: 'alice',
      shell: 'cli',
      action: 'credential.update',
      details: { before: { username: 'root', password: 'hunter2' }, after: { username: 'root', newPassword: 'hunter3', privateKey: '-----BEGIN' } },
    });
    expect(record.details).toEqual({
      before: { username: 'root', password: '[redacted]' },
      after: { username: 'root', newPassword: '[redacted]', privateKey: '[redacted]' },
    });
    const stored = await db.selectFrom('audit_log').select('details').executeTakeFirstOrThrow();
    expect(stored.details).not.toMatch(/hunter|BEGIN/);
    expect(stored.details).toBe('{"after":{"newPassword":"[redacted]","privateKey":"[redacted]","username":"root"},"before":{"password":"[redacted]","username":"root"}}');
  });

  it('writes inside the caller\'s transaction and rolls back with it', async () => {
    const { db } = await scratch();
    await expect(
      db.transaction().execute(async (trx) => {
        await appendAudit(trx, { actor: 'alice', shell: 'host', action: 'user.create' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await db.selectFrom('audit_log').select('id').execute()).toEqual([]);
    await db.transaction().execute(async (trx) => {
      await appendAudit(trx, { actor: 'alice', shell: 'host', action: 'user.create' });
    });
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 1 });
  });

  it('keeps the chain intact under concurrent appends', async () => {
    const { db } = await scratch();
    await Promise.all(Array.from({ length: 50 }, (_, i) => appendAudit(db, { actor: 'system', shell: 'system', action: `tick.${i}` })));
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 50 });
  });

  it('rejects entries without actor or action, or with an unknown shell', async () => {
    const { db } = await scratch();
    await expect(appendAudit(db, { actor: '', shell: 'cli', action: 'x' })).rejects.toThrow(/needs an actor/);
    await expect(appendAudit(db, { actor: 'a', shell: 'cli', action: ' ' })).rejects.toThrow(/needs an action/);
    await expect(appendAudit(db, { actor: 'a', shell: 'web' as 'cli', action: 'x' })).rejects.toThrow(/Unknown audit shell/);
  });

  it('appends a batch exactly as one-by-one appends would: same ids, links, hashes and signatures', async () => {
    const alice = generateKeyPairSync('ed25519');
    const signers = new AuditSigners();
    signers.add('alice', alice.privateKey);
    const entries: NewAuditEntry[] = Array.from({ length: 900 }, (_, i) => ({
      actor: i % 3 === 0 ? 'system' : 'alice',
      shell: i % 3 === 0 ? 'system' : 'desktop',
      action: i % 2 === 0 ? 'credential.reveal' : 'credential.update',
      objectType: i % 5 === 0 ? null : 'credential',
      objectId: i % 5 === 0 ? null : String(i),
      details: i % 2 === 0 ? null : { before: { tags: 'a' }, after: { tags: 'a,b' }, password: 'never stored' },
    }));
    const oneByOne = await scratch();
    const batched = await scratch();
    for (const handle of [oneByOne, batched]) {
      await handle.db.insertInto('users').values({ id: 'alice', username: 'alice', role: 'operator', created_at: '2025-01-01T00:00:00.000Z', signing_public_key: alice.publicKey.export({ format: 'der', type: 'spki' }).toString('base64') }).execute();
      bindAuditSigners(handle.db, signers);
      // Both trails continue from an existing head.
      await appendAudit(handle.db, { actor: 'alice', shell: 'cli', action: 'vault.create' }, { now: () => new Date('2025-01-01T00:00:00.000Z') });
    }
    let ticks = 0;
    const now = () => new Date(Date.parse('2025-02-01T00:00:00.000Z') + 1000 * ticks++);
    const single = [];
    for (const entry of entries) single.push(await appendAudit(oneByOne.db, entry, { now }));
    ticks = 0;
    const batch = await appendAuditEntries(batched.db, entries, { now });
    expect(batch).toEqual(single);
    const rows = (handle: typeof oneByOne) => handle.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    const stored = await rows(batched);
    expect(stored).toEqual(await rows(oneByOne));
    expect(stored).toHaveLength(901);
    expect(stored.every((row) => row.signature !== null && !row.details.includes('never stored'))).toBe(true);
    expect(await verifyAuditChain(batched.db)).toEqual({ ok: true, count: 901 });
  });

  it('writes a batch all or nothing: one entry that cannot be signed leaves the trail as it was', async () => {
    const { db } = await scratch();
    const signers = new AuditSigners();
    signers.add('alice', generateKeyPairSync('ed25519').privateKey);
    bindAuditSigners(db, signers);
    await appendAudit(db, { actor: 'alice', shell: 'cli', action: 'vault.create' });
    const entries: NewAuditEntry[] = [...Array.from({ length: 500 }, () => ({ actor: 'alice', shell: 'desktop' as const, action: 'credential.reveal' })), { actor: 'carol', shell: 'desktop', action: 'credential.reveal' }];
    await expect(appendAuditEntries(db, entries)).rejects.toThrow(/"carol" cannot be signed/);
    await expect(appendAuditEntries(db, [{ actor: 'alice', shell: 'desktop', action: 'x' }, { actor: '', shell: 'desktop', action: 'x' }])).rejects.toThrow(/needs an actor/);
    expect(await db.selectFrom('audit_log').select('id').execute()).toEqual([{ id: 1 }]);
    expect(await appendAuditEntries(db, [])).toEqual([]);
    expect((await appendAudit(db, { actor: 'alice', shell: 'desktop', action: 'credential.reveal' })).id).toBe(2);
  });
});
