import { describe, expect, it } from 'vitest';
import { appendAudit } from '../../../main/audit/append-audit';
import { GENESIS_HASH } from '../../../main/audit/audit-hash';
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
});
