import { describe, expect, it } from 'vitest';
import { ADMIN_ENV, seededVault } from '../../support/cli-runner';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

describe('pamdesk runner', () => {
  it('runs only for roles that may request operations', async () => {
    const cli = await seededVault(tempDir());
    for (const [name, role] of [['olga', 'operator'], ['apolo', 'approver'], ['aud', 'auditor']] as const) {
      expect((await cli(['user', 'add', name, '--role', role], { ...ADMIN_ENV, PAMDESK_NEW_PASSPHRASE: `${role} passphrase 1` })).code).toBe(0);
    }
    for (const [name, role] of [['apolo', 'approver'], ['aud', 'auditor']] as const) {
      const refused = await cli(['runner', '--until-idle'], { PAMDESK_USER: name, PAMDESK_PASSPHRASE: `${role} passphrase 1` });
      expect(refused.code, role).toBe(1);
      expect(refused.err).toMatch(new RegExp(`role \\(${role}\\) does not allow this action \\(operation.request\\)`));
    }
    const operator = await cli(['runner', '--until-idle'], { PAMDESK_USER: 'olga', PAMDESK_PASSPHRASE: 'operator passphrase 1' });
    expect(operator.err).toBe('');
    expect(operator.code).toBe(0);
    expect((await cli(['runner', '--until-idle'], ADMIN_ENV)).code).toBe(0);
  });
});
