import { describe, expect, it } from 'vitest';
import { ADMIN_ENV, seededVault } from '../../support/cli-runner';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const body = (content: string) => JSON.stringify({ identifier: 'srv01-root', username: 'root', hostname: 'srv01', ip: '10.0.0.5', content });
const AUDITOR_ENV = { PAMDESK_USER: 'audrey', PAMDESK_PASSPHRASE: 'auditor passphrase 1' } as const;

describe('pamdesk credential history | reveal-history | restore', () => {
  it('lists the replaced secrets without them, reveals one (audited, not to an auditor) and restores it in the vault only', async () => {
    const cli = await seededVault(tempDir());
    expect((await cli(['credential', 'upsert'], ADMIN_ENV, body('cli-old-secret-1'))).code).toBe(0);
    expect((await cli(['credential', 'upsert'], ADMIN_ENV, body('cli-new-secret-2'))).code).toBe(0);

    const listed = await cli(['credential', 'history', 'srv01-root'], ADMIN_ENV);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/^\d+\t\S+\tEdited\t-\tadmin$/);
    expect(listed.out).not.toContain('cli-old-secret');
    expect(listed.err).toContain('1 previous secret(s) of srv01-root');
    const json = JSON.parse((await cli(['credential', 'history', 'srv01-root', '--json'], ADMIN_ENV)).out) as { id: number }[];
    const entry = String(json[0]?.id);

    expect(await cli(['credential', 'reveal-history', 'srv01-root', entry], ADMIN_ENV)).toMatchObject({ code: 0, out: 'cli-old-secret-1' });
    expect(await cli(['credential', 'reveal-history', 'srv01-root', '999'], ADMIN_ENV)).toMatchObject({ code: 1, err: expect.stringMatching(/has no history entry 999/) });
    expect(await cli(['credential', 'reveal-history', 'srv01-root', 'x'], ADMIN_ENV)).toMatchObject({ code: 2 });

    expect((await cli(['user', 'add', 'audrey', '--role', 'auditor'], { ...ADMIN_ENV, PAMDESK_NEW_PASSPHRASE: AUDITOR_ENV.PAMDESK_PASSPHRASE })).code).toBe(0);
    expect((await cli(['credential', 'history', 'srv01-root'], AUDITOR_ENV)).code).toBe(0);
    const refused = await cli(['credential', 'reveal-history', 'srv01-root', entry], AUDITOR_ENV);
    expect(refused.code).toBe(1);
    expect(refused.out + refused.err).not.toContain('cli-old-secret');
    expect((await cli(['credential', 'restore-history', entry], AUDITOR_ENV)).code).toBe(1);

    const restored = await cli(['credential', 'restore-history', entry], ADMIN_ENV);
    expect(restored).toMatchObject({ code: 0, out: expect.stringMatching(/is the credential's secret again in the vault; OP-\S+ verifies it/) });
    expect((await cli(['credential', 'show', 'srv01-root', '--reveal'], ADMIN_ENV)).out).toContain('secret:      cli-old-secret-1');
    expect((await cli(['credential', 'history', 'srv01-root'], ADMIN_ENV)).out.split('\n')[0]).toMatch(/\tRestored an older secret\t-\tadmin$/);

    const audit = (await cli(['audit', 'export', '--format', 'json', '--action', 'credential.re'], ADMIN_ENV)).out;
    expect(audit).toContain('credential.reveal_history');
    expect(audit).toContain('restoredHistoryEntry');
    expect(audit).not.toContain('cli-old-secret');
  });
});
