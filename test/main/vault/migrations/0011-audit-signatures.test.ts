import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appendAudit } from '../../../../main/audit/append-audit';
import { AuditSigners, bindAuditSigners } from '../../../../main/audit/audit-signers';
import { verifyAuditChain } from '../../../../main/audit/verify-audit-chain';
import { openVaultDatabase } from '../../../../main/vault/database/open-vault-database';
import { MIGRATIONS } from '../../../../main/vault/migrations/registry';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

describe('migration 0011 audit-signatures', () => {
  it('adds the signing columns to a vault made by 0008; its old entries stay valid, new ones are signed', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const before = await openVaultDatabase(dir, Buffer.from(key), { mode: 'create', migrations: MIGRATIONS.filter((m) => m.id < 11) });
    await before.db.insertInto('users').values({ id: 'u1', username: 'alice', role: 'administrator', created_at: new Date().toISOString() }).execute();
    await appendAudit(before.db, { actor: 'alice', shell: 'desktop', action: 'vault.create' });
    await before.close();

    const vault = await openVaultDatabase(dir, Buffer.from(key), { mode: 'open', migrations: MIGRATIONS });
    try {
      const columns = (table: string) => (vault.driver.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      expect(columns('users')).toContain('signing_public_key');
      expect(columns('audit_log').slice(-2)).toEqual(['signer', 'signature']);
      expect(vault.driver.prepare('SELECT signer, signature FROM audit_log WHERE id = 1').get()).toEqual({ signer: null, signature: null });

      const pair = generateKeyPairSync('ed25519');
      await vault.db.updateTable('users').set({ signing_public_key: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64') }).execute();
      const signers = new AuditSigners();
      signers.add('alice', pair.privateKey);
      bindAuditSigners(vault.db, signers);
      await appendAudit(vault.db, { actor: 'alice', shell: 'desktop', action: 'session.sign_in' });
      expect(vault.driver.prepare('SELECT signer FROM audit_log WHERE id = 2').get()).toEqual({ signer: 'alice' });
      expect(await verifyAuditChain(vault.db)).toEqual({ ok: true, count: 2 });
    } finally {
      await vault.close();
    }
  });
});
