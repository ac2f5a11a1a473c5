import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { appendAudit, appendAuditEntries } from '../../../main/audit/append-audit';
import { AUDIT_ENCODING_SQL, encodeAuditTuple, hashAuditEntry } from '../../../main/audit/audit-hash';
import { verifyAuditChain, verifyAuditTrail } from '../../../main/audit/verify-audit-chain';
import type { AuditLogTable, VaultDatabase } from '../../../main/vault/database/vault-schema';
import { openVaultDatabase } from '../../../main/vault/database/open-vault-database';
import { useScratchVaultDatabase } from '../../support/scratch-vault-database';
import { useTempDirs } from '../../support/temp-dir';

const scratch = useScratchVaultDatabase();
const tempDir = useTempDirs();

async function seed(db: Kysely<VaultDatabase>, count: number): Promise<void> {
  for (let i = 1; i <= count; i += 1) {
    await appendAudit(db, {
      actor: i % 2 === 0 ? 'alice' : 'system',
      shell: i % 2 === 0 ? 'desktop' : 'system',
      action: 'credential.update',
      objectType: 'credential',
      objectId: `c-${i}`,
      details: { before: { port: i }, after: { port: i + 1 } },
    });
  }
}

/** The triggers stop ordinary code; an attacker holding the key drops them first, as here. */
async function dropGuards(db: Kysely<VaultDatabase>): Promise<void> {
  await sql`DROP TRIGGER audit_log_no_update`.execute(db);
  await sql`DROP TRIGGER audit_log_no_delete`.execute(db);
}

describe('verifyAuditChain', () => {
  it('accepts an empty trail and a long intact one', async () => {
    const { db } = await scratch();
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 0 });
    await seed(db, 300);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 300 });
  });

  it('reports an entry whose contents were changed', async () => {
    const { db } = await scratch();
    await seed(db, 20);
    await dropGuards(db);
    await sql`UPDATE audit_log SET details = '{"after":{"port":1}}' WHERE id = 7`.execute(db);
    const verdict = await verifyAuditChain(db);
    expect(verdict).toMatchObject({ ok: false, firstBrokenId: 7 });
    expect(verdict.ok ? '' : verdict.reason).toMatch(/entry 7 was changed/);
  });

  it('reports the successor when an entry is rewritten with a valid new hash', async () => {
    const { db } = await scratch();
    await seed(db, 10);
    await dropGuards(db);
    const row = await db.selectFrom('audit_log').selectAll().where('id', '=', 4).executeTakeFirstOrThrow();
    const forged = { ...row, actor: 'mallory' };
    await sql`UPDATE audit_log SET actor = ${forged.actor}, hash = ${hashAuditEntry(forged)} WHERE id = 4`.execute(db);
    const verdict = await verifyAuditChain(db);
    expect(verdict).toMatchObject({ ok: false, firstBrokenId: 5 });
    expect(verdict.ok ? '' : verdict.reason).toMatch(/does not link to entry 4/);
  });

  it('reports a deleted middle entry', async () => {
    const { db } = await scratch();
    await seed(db, 20);
    await dropGuards(db);
    await sql`DELETE FROM audit_log WHERE id = 11`.execute(db);
    const verdict = await verifyAuditChain(db);
    expect(verdict).toMatchObject({ ok: false, firstBrokenId: 11 });
    expect(verdict.ok ? '' : verdict.reason).toMatch(/entry 11 is missing/);
  });

  it('reports a cut-off tail, even after new entries are appended', async () => {
    const { db } = await scratch();
    await seed(db, 10);
    await dropGuards(db);
    await sql`DELETE FROM audit_log WHERE id > 8`.execute(db);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBrokenId: 9 });
    await appendAudit(db, { actor: 'system', shell: 'system', action: 'after.truncation' });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBrokenId: 9 });
  });

  it("lets SQLite encode every entry pamdesk writes exactly as the hash was computed, so the quick walk does not fall back", async () => {
    const { db, driver } = await scratch();
    const awkward = ['quote " and backslash \\', 'tab\tnewline\ncr\r', 'nul \u0000 and \u001f', 'é ß 漢字 🗝️', '\u2028\u2029', '</script>'];
    for (const text of awkward) await appendAudit(db, { actor: `a ${text}`, shell: 'cli', action: `x.${text}`, objectType: text, objectId: text, details: { text, [text]: [text, 1.5, -0, null, true] } });
    const sqlite = driver.prepare(`SELECT ${AUDIT_ENCODING_SQL} AS encoded, * FROM audit_log ORDER BY id`).all() as (AuditLogTable & { encoded: string })[];
    expect(sqlite.map((row) => row.encoded)).toEqual(sqlite.map((row) => encodeAuditTuple([row.id, row.at, row.actor, row.shell, row.action, row.object_type, row.object_id, row.details, row.prev_hash])));
    expect(await verifyAuditTrail(db, undefined, { driver })).toEqual({ verdict: { ok: true, count: awkward.length }, signatures: { mode: 'newest-per-signer', checked: 0 } });
  });

  it('reports an entry whose details were replaced by a BLOB, which SQLite will not encode, as changed', async () => {
    const { db, driver } = await scratch();
    await seed(db, 5);
    await dropGuards(db);
    driver.prepare('UPDATE audit_log SET details = ? WHERE id = 3').run(Buffer.from('{}'));
    for (const options of [{ driver }, {}]) {
      const verdict = await verifyAuditChain(db, undefined, options);
      expect(verdict).toMatchObject({ ok: false, firstBrokenId: 3, kind: 'rewritten', reason: expect.stringMatching(/entry 3 was changed after it was written/) });
    }
  });

  it('reads one snapshot without the write lock: another process appends mid-walk, unblocked, and the walk ends at its own head', async () => {
    const dir = tempDir('pamdesk-verify-');
    const key = randomBytes(32);
    const own = await openVaultDatabase(dir, Buffer.from(key), { mode: 'create' });
    const other = await openVaultDatabase(dir, Buffer.from(key), { mode: 'open' });
    try {
      await appendAuditEntries(own.db, Array.from({ length: 12_000 }, (_, i) => ({ actor: 'system', shell: 'system' as const, action: 'operation.run', objectId: String(i) })));
      // No waiting for a lock: a writer that had to wait would fail at once.
      other.driver.pragma('busy_timeout = 0');
      let walking = true;
      const verdict = verifyAuditTrail(own.db, undefined, { driver: own.driver }).finally(() => (walking = false));
      let appendedMidWalk = 0;
      while (walking) {
        await new Promise((resolve) => setImmediate(resolve));
        if (!walking) break;
        await appendAudit(other.db, { actor: 'system', shell: 'system', action: 'operation.result' });
        appendedMidWalk += 1;
      }
      expect(appendedMidWalk).toBeGreaterThan(0);
      expect((await verdict).verdict).toEqual({ ok: true, count: 12_000 });
      expect(await verifyAuditChain(own.db)).toEqual({ ok: true, count: 12_000 + appendedMidWalk });
    } finally {
      await other.close();
      await own.close();
    }
  });
});
