import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appendAudit } from '../../../../main/audit/append-audit';
import { verifyAuditChain } from '../../../../main/audit/verify-audit-chain';
import { openVaultDatabase } from '../../../../main/vault/database/open-vault-database';
import { MIGRATIONS } from '../../../../main/vault/migrations/registry';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

describe('migration 0019 audit-search-indexes', () => {
  it("indexes an existing trail for the audit view's filters, which then search it without a scan, the chain untouched", async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const before = await openVaultDatabase(dir, Buffer.from(key), { mode: 'create', migrations: MIGRATIONS.filter((m) => m.id < 19) });
    await appendAudit(before.db, { actor: 'Olga', shell: 'desktop', action: 'credential.reveal', objectType: 'credential', objectId: '1' });
    await appendAudit(before.db, { actor: 'system', shell: 'system', action: 'operation.run' });
    await before.close();

    const after = await openVaultDatabase(dir, Buffer.from(key), { mode: 'open', migrations: MIGRATIONS });
    try {
      const indexes = after.driver.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log' AND name LIKE 'audit_log_%' ORDER BY name").all() as { name: string }[];
      expect(indexes.map((i) => i.name)).toEqual(['audit_log_action', 'audit_log_action_at', 'audit_log_actor', 'audit_log_actor_action', 'audit_log_actor_at', 'audit_log_at', 'audit_log_object']);
      const byActor = after.driver.prepare('EXPLAIN QUERY PLAN SELECT id FROM audit_log WHERE lower(actor) = ? ORDER BY id DESC LIMIT 200').all('olga') as { detail: string }[];
      expect(byActor.map((step) => step.detail)).toEqual(['SEARCH audit_log USING COVERING INDEX audit_log_actor (<expr>=?)']);
      expect(after.driver.prepare('SELECT id FROM audit_log WHERE lower(actor) = ?').all('olga')).toEqual([{ id: 1 }]);
      expect(await verifyAuditChain(after.db)).toEqual({ ok: true, count: 2 });
    } finally {
      await after.close();
    }
  });
});
