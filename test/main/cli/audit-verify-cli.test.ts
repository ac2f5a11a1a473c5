import { describe, expect, it } from 'vitest';
import { cutTailAndFixHead, deleteEntryAndRechain, entryIdOf, withSlotDatabase } from '../../support/audit-attacks';
import { ADMIN_ENV, seededVault } from '../../support/cli-runner';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const OLGA = { PAMDESK_USER: 'olga', PAMDESK_PASSPHRASE: 'olga passphrase 1' } as const;

/** A CLI-made vault with a second user, olga, the insider whose slot yields the database key. */
async function vaultWithInsider() {
  const dir = tempDir();
  const cli = await seededVault(dir);
  expect((await cli(['user', 'add', 'olga', '--role', 'operator'], { ...ADMIN_ENV, PAMDESK_NEW_PASSPHRASE: OLGA.PAMDESK_PASSPHRASE })).code).toBe(0);
  // olga signs in once (creating her signing key), as any new user does.
  expect((await cli(['credential', 'list'], OLGA)).code).toBe(0);
  expect((await cli(['audit', 'verify', '--json'], ADMIN_ENV)).code).toBe(0);
  return { dir, cli };
}

describe('pamdesk audit verify', () => {
  it("says which signatures it checked: each signer's newest by default, every entry's with --every-signature", async () => {
    const { cli } = await vaultWithInsider();
    const quick = await cli(['audit', 'verify'], ADMIN_ENV);
    expect(quick.code).toBe(0);
    expect(quick.out).toMatch(/^Audit trail intact: \d+ entries verified; signatures: the newest entry of each signer \(2 checked\), to which the hash chain binds the rest; run with --every-signature to check every entry's\.$/);
    const every = await cli(['audit', 'verify', '--every-signature', '--json'], ADMIN_ENV);
    expect(every.code).toBe(0);
    const verdict = JSON.parse(every.out) as { count: number; signatures: unknown };
    expect(verdict).toMatchObject({ ok: true, signatures: { mode: 'every', checked: verdict.count } });
  });
});

describe('pamdesk audit verify against an insider', () => {
  it('exits 1 and names the first bad entry after a deleted entry and a recomputed SHA-256 chain', async () => {
    const { dir, cli } = await vaultWithInsider();
    let deleted = 0;
    await withSlotDatabase(dir, 'olga', OLGA.PAMDESK_PASSPHRASE, (driver) => {
      deleted = entryIdOf(driver, 'device.create');
      deleteEntryAndRechain(driver, deleted);
    });
    const result = await cli(['audit', 'verify'], ADMIN_ENV);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(new RegExp(`^Audit trail BROKEN at entry ${deleted} \\(rewritten\\): The audit trail was rewritten: the signature of entry ${deleted} does not verify`));
    expect(result.out).toMatch(/Keep the vault files as they are, export the trail/);
    const json = await cli(['audit', 'verify', '--json'], ADMIN_ENV);
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, kind: 'rewritten', firstBrokenId: deleted });
  });

  it('exits 1 on a cut tail with a fixed head, through the head witnessed when the last command locked', async () => {
    const { dir, cli } = await vaultWithInsider();
    let lastKept = 0;
    await withSlotDatabase(dir, 'olga', OLGA.PAMDESK_PASSPHRASE, (driver) => {
      lastKept = cutTailAndFixHead(driver, 4).newLastId;
    });
    const result = await cli(['audit', 'verify', '--json'], ADMIN_ENV);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out)).toMatchObject({ ok: false, kind: 'truncated', reason: expect.stringMatching(/were removed and the head rewritten/) });
    // This command's own sign-in was appended after the cut: the first missing entry follows it.
    expect(JSON.parse(result.out)).toMatchObject({ firstBrokenId: lastKept + 2 });
  });
});
