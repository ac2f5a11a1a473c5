import { describe, expect, it } from 'vitest';
import { ADMIN_ENV, seededVault } from '../../support/cli-runner';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const OLGA = { PAMDESK_USER: 'olga', PAMDESK_PASSPHRASE: 'olga passphrase 1' } as const;

describe('pamdesk user and vault rotate-keys', () => {
  it('lists, adds, changes roles, disables, enables and removes users, with exit codes and --json', async () => {
    const cli = await seededVault(tempDir());
    expect((await cli(['user', 'add', 'olga', '--role', 'operator'], { ...ADMIN_ENV, PAMDESK_NEW_PASSPHRASE: OLGA.PAMDESK_PASSPHRASE })).code).toBe(0);
    const listed = await cli(['user', 'list', '--json'], ADMIN_ENV);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.out) as { username: string; role: string; state: string }[]).map((user) => [user.username, user.role, user.state])).toEqual([
      ['admin', 'administrator', 'active'],
      ['olga', 'operator', 'active'],
    ]);
    expect((await cli(['user', 'list'], ADMIN_ENV)).out).toContain('olga\toperator\tactive');

    const demoted = await cli(['user', 'role', 'olga', '--role', 'auditor', '--json'], ADMIN_ENV);
    expect(demoted.code).toBe(0);
    expect(JSON.parse(demoted.out)).toMatchObject({ username: 'olga', role: 'auditor' });
    expect((await cli(['user', 'role', 'olga', '--role', 'operator'], ADMIN_ENV)).out).toBe('olga is now operator.');

    expect((await cli(['user', 'disable', 'olga'], ADMIN_ENV)).out).toBe('olga is disabled.');
    const refused = await cli(['credential', 'list'], OLGA);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/disabled/);
    expect((await cli(['user', 'enable', 'olga'], ADMIN_ENV)).out).toBe('olga is active.');
    expect((await cli(['credential', 'list'], OLGA)).code).toBe(0);

    const rotated = await cli(['vault', 'rotate-keys', '--json'], ADMIN_ENV);
    expect(rotated.code).toBe(0);
    expect(JSON.parse(rotated.out)).toMatchObject({ generation: 3 });

    const removed = await cli(['user', 'remove', 'olga'], ADMIN_ENV);
    expect(removed.code).toBe(0);
    expect(removed.out).toBe("Removed olga; the vault's keys are now generation 4.");
    expect((await cli(['credential', 'list'], OLGA)).code).toBe(1);
    expect((await cli(['user', 'list'], ADMIN_ENV)).out).toContain('olga\toperator\tremoved');
    expect((await cli(['audit', 'verify'], ADMIN_ENV)).code).toBe(0);
  });

  it('refuses usage mistakes with exit 2, unknown users and self-removal with exit 1, and non-administrators', async () => {
    const cli = await seededVault(tempDir());
    expect((await cli(['user', 'role', 'olga', '--role', 'king'], ADMIN_ENV)).code).toBe(2);
    expect((await cli(['user', 'remove'], ADMIN_ENV)).code).toBe(2);
    const unknown = await cli(['user', 'disable', 'nobody'], ADMIN_ENV);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/No user named "nobody"/);
    const self = await cli(['user', 'remove', 'admin'], ADMIN_ENV);
    expect(self.code).toBe(1);
    expect(self.err).toMatch(/cannot remove yourself/);
    expect((await cli(['user', 'add', 'olga', '--role', 'operator'], { ...ADMIN_ENV, PAMDESK_NEW_PASSPHRASE: OLGA.PAMDESK_PASSPHRASE })).code).toBe(0);
    const forbidden = await cli(['vault', 'rotate-keys'], OLGA);
    expect(forbidden.code).toBe(1);
    expect((await cli(['user', 'remove', '--help'], ADMIN_ENV)).out).toMatch(/key file stop working|keys rotate/);
  });
});
