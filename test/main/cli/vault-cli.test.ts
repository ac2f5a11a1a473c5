import { describe, expect, it } from 'vitest';
import { openVault } from '../../../main/vault/open-vault';
import { ADMIN_ENV, seededVault } from '../../support/cli-runner';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const PASSWORD = `p'a"s$s;w|o&r\`d\\ ñ`;

describe('pamdesk CLI on a real vault', () => {
  it('creates, lists and shows a credential with seed 004 responses; reveal is audited', async () => {
    const dir = tempDir();
    const cli = await seededVault(dir);
    const created = await cli(['credential', 'upsert'], ADMIN_ENV, JSON.stringify({ username: 'root', hostname: 'srv01', ip: '10.0.0.5', content: PASSWORD, identifier: 'srv01-root', tags: 'linux,prod' }));
    expect(created.code).toBe(0);
    expect(JSON.parse(created.out)).toMatchObject({ code: 201, response: { status: 201, error: false, error_code: 0 }, credential: { identifier: 'srv01-root' } });

    const list = await cli(['credential', 'list', '--search', 'srv01', '--json'], ADMIN_ENV);
    expect(JSON.parse(list.out)).toMatchObject({ total: 1, rows: [{ identifier: 'srv01-root', username: 'root', hostname: 'srv01' }] });

    const shown = await cli(['credential', 'show', 'srv01-root', '--json'], ADMIN_ENV);
    expect(shown.out).not.toContain(PASSWORD);
    const revealed = await cli(['credential', 'show', 'srv01-root', '--reveal', '--json'], ADMIN_ENV);
    expect(JSON.parse(revealed.out)).toMatchObject({ identifier: 'srv01-root', secret: PASSWORD });

    const vault = await openVault(dir, 'admin', ADMIN_ENV.PAMDESK_PASSPHRASE);
    try {
      const actions = (await vault.database.db.selectFrom('audit_log').select(['action', 'actor', 'shell', 'details']).execute()).map((a) => a.action);
      expect(actions).toEqual(expect.arrayContaining(['vault.create', 'domain.create', 'device.create', 'credential.create', 'credential.reveal']));
      const entries = await vault.database.db.selectFrom('audit_log').select('details').execute();
      for (const entry of entries) expect(entry.details).not.toContain(PASSWORD);
      const counted = await vault.database.db.selectFrom('credentials').select(['view_count', 'last_viewed_at']).where('identifier', '=', 'srv01-root').executeTakeFirstOrThrow();
      expect(counted.view_count).toBe(1);
      expect(counted.last_viewed_at).not.toBeNull();
    } finally {
      await vault.close();
    }
  });

  it("answers a broken rule with the seed's error JSON and exit 1", async () => {
    const cli = await seededVault(tempDir());
    const noHost = await cli(['credential', 'upsert'], ADMIN_ENV, JSON.stringify({ username: 'root', ip: '10.0.0.5' }));
    expect(noHost.code).toBe(1);
    expect(JSON.parse(noHost.out)).toMatchObject({ code: 400, response: { error: true, error_code: 1004, message: "1004: The device's hostname was not informed" } });
    const noDevice = await cli(['credential', 'upsert'], ADMIN_ENV, JSON.stringify({ username: 'root', hostname: 'ghost', ip: '10.9.9.9' }));
    expect(JSON.parse(noDevice.out)).toMatchObject({ response: { error_code: 1011 } });
  });

  it('refuses a wrong passphrase', async () => {
    const cli = await seededVault(tempDir());
    const wrong = await cli(['credential', 'list'], { PAMDESK_USER: 'admin', PAMDESK_PASSPHRASE: 'not the passphrase' });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/username or passphrase is wrong/);
  });

  it("keeps an operator from an administrator's actions, and an auditor from changing credentials (1039)", async () => {
    const dir = tempDir();
    const cli = await seededVault(dir);
    expect((await cli(['user', 'add', 'olga', '--role', 'operator'], { ...ADMIN_ENV, PAMDESK_NEW_PASSPHRASE: 'operator passphrase 1' })).code).toBe(0);
    expect((await cli(['user', 'add', 'aud', '--role', 'auditor'], { ...ADMIN_ENV, PAMDESK_NEW_PASSPHRASE: 'auditor passphrase 1' })).code).toBe(0);
    const operator = { PAMDESK_USER: 'olga', PAMDESK_PASSPHRASE: 'operator passphrase 1' };
    const domain = await cli(['domain', 'add', 'evil.example'], operator);
    expect(domain.code).toBe(1);
    expect(domain.err).toMatch(/role \(operator\) does not allow this action \(domain.write\)/);
    const addUser = await cli(['user', 'add', 'mallory', '--role', 'administrator'], { ...operator, PAMDESK_NEW_PASSPHRASE: 'mallory passphrase' });
    expect(addUser.code).toBe(1);
    expect(addUser.err).toMatch(/user.manage/);

    const auditorUpsert = await cli(['credential', 'upsert'], { PAMDESK_USER: 'aud', PAMDESK_PASSPHRASE: 'auditor passphrase 1' }, JSON.stringify({ username: 'x', hostname: 'srv01', ip: '10.0.0.5' }));
    expect(auditorUpsert.code).toBe(1);
    expect(JSON.parse(auditorUpsert.out)).toMatchObject({ response: { error_code: 1039 } });
    const auditorReveal = await cli(['credential', 'show', '1', '--reveal'], { PAMDESK_USER: 'aud', PAMDESK_PASSPHRASE: 'auditor passphrase 1' });
    expect(auditorReveal.code).toBe(1);
  });

  it('verifies the audit chain and names a tampered entry', async () => {
    const dir = tempDir();
    const cli = await seededVault(dir);
    const intact = await cli(['audit', 'verify', '--json'], ADMIN_ENV);
    expect(intact.code).toBe(0);
    expect(JSON.parse(intact.out)).toMatchObject({ ok: true });

    // An attacker holding the key edits history: the trail's own triggers refuse UPDATE, so they
    // drop them first, as a real attacker would.
    const vault = await openVault(dir, 'admin', ADMIN_ENV.PAMDESK_PASSPHRASE);
    try {
      const triggers = vault.database.driver.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as { name: string }[];
      for (const t of triggers) vault.database.driver.exec(`DROP TRIGGER ${t.name}`);
      vault.database.driver.prepare("UPDATE audit_log SET actor = 'someone-else' WHERE id = 2").run();
    } finally {
      await vault.close();
    }
    const broken = await cli(['audit', 'verify'], ADMIN_ENV);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/BROKEN at entry 2/);
  });
});

describe('pamdesk device trust', () => {
  it('pins a host key only through the explicit action, refuses a malformed fingerprint, and audits it', async () => {
    const dir = tempDir();
    const cli = await seededVault(dir);
    const fingerprint = 'SHA256:' + 'A'.repeat(43);
    const bad = await cli(['device', 'trust', 'srv01', '--fingerprint', 'MD5:aa:bb'], ADMIN_ENV);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/SHA256/);
    const ok = await cli(['device', 'trust', 'srv01', '--fingerprint', fingerprint, '--json'], ADMIN_ENV);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ hostname: 'srv01', host_key_fingerprint: fingerprint });
    const vault = await openVault(dir, 'admin', ADMIN_ENV.PAMDESK_PASSPHRASE);
    try {
      const entry = await vault.database.db.selectFrom('audit_log').select(['details']).where('action', '=', 'device.trust_host_key').executeTakeFirstOrThrow();
      expect(JSON.parse(entry.details)).toMatchObject({ hostname: 'srv01', before: null, after: fingerprint });
    } finally {
      await vault.close();
    }
  });
});
