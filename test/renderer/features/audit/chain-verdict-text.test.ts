import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appendAudit } from '../../../../main/audit/append-audit';
import { AuditSigners, bindAuditSigners } from '../../../../main/audit/audit-signers';
import { verifyAuditChain } from '../../../../main/audit/verify-audit-chain';
import { chainVerdictText } from '../../../../renderer/features/audit/chain-verdict-text';
import { useScratchVaultDatabase } from '../../../support/scratch-vault-database';
import { cutTailAndFixHead, deleteEntryAndRechain } from '../../../support/audit-attacks';

const scratch = useScratchVaultDatabase();

/** A signed trail of `count` entries by alice, on a real vault database. */
async function signedTrail(count: number) {
  const handle = await scratch();
  const pair = generateKeyPairSync('ed25519');
  await handle.db.insertInto('users').values({ id: 'a', username: 'alice', role: 'operator', created_at: new Date().toISOString(), signing_public_key: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64') }).execute();
  const signers = new AuditSigners();
  signers.add('alice', pair.privateKey);
  bindAuditSigners(handle.db, signers);
  for (let i = 0; i < count; i += 1) await appendAudit(handle.db, { actor: 'alice', shell: 'desktop', action: 'credential.reveal' });
  return handle;
}

describe("the audit view's chain banner", () => {
  it('says how far signatures were checked, and how to check every one', () => {
    expect(chainVerdictText({ ok: true, count: 1_000_000, signatures: { mode: 'newest-per-signer', checked: 4 } })).toBe(
      'Verified: 1,000,000 entries, chain intact. Signatures: the newest entry of each signer verified (4), which vouches for the entries before it through the chain; `pamdesk audit verify --every-signature` checks each entry\'s own.',
    );
    expect(chainVerdictText({ ok: true, count: 12, signatures: { mode: 'every', checked: 12 } })).toBe("Verified: 12 entries, chain intact. Every entry's signature verified (12).");
  });

  it('says a rewritten trail was rewritten, names the first bad entry, why, and what to do', async () => {
    const { db, driver } = await signedTrail(6);
    deleteEntryAndRechain(driver, 3);
    const verdict = await verifyAuditChain(db);
    if (verdict.ok) throw new Error('the rewrite should be reported');
    const text = chainVerdictText({ ...verdict, count: verdict.firstBrokenId - 1 });
    expect(text).toBe(
      "Audit trail rewritten, first bad entry 3. The 2 entries before it verify. The audit trail was rewritten: the signature of entry 3 does not verify with alice's key: the entry was rewritten or its chain recomputed. Keep the vault files as they are, export the trail, and compare it with your SIEM and backups.",
    );
  });

  it('says a truncated trail was truncated, and an intact one is intact', async () => {
    const { db, driver } = await signedTrail(5);
    expect(chainVerdictText({ ok: true, count: 5 })).toBe('Verified: 5 entries, chain intact.');
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 5 });
    cutTailAndFixHead(driver, 2);
    driver.prepare("DELETE FROM meta WHERE key = 'audit.head'").run();
    const verdict = await verifyAuditChain(db);
    if (verdict.ok) throw new Error('a missing head should be reported');
    expect(chainVerdictText({ ...verdict, count: verdict.firstBrokenId - 1 })).toMatch(/^Audit trail truncated, first bad entry 3\. The 2 entries before it verify\. The audit trail was truncated: the audit head record is missing/);
  });
});
