import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiRuleError } from '../../../main/credentials/api-rule-error';
import { listDomains, registerDomain } from '../../../main/domains/register-domain';
import { resolveRegisteredDomains } from '../../../main/domains/resolve-registered-domains';
import { openTestVault, type TestVault } from '../credentials/test-db';

let vault: TestVault;
beforeEach(async () => {
  vault = await openTestVault();
});
afterEach(async () => vault.close());

async function codeOf(promise: Promise<unknown>): Promise<number | undefined> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  return error instanceof ApiRuleError ? error.code : undefined;
}

describe('registerDomain', () => {
  it('registers a domain and lists domains by name', async () => {
    const lab = await registerDomain(vault.db, { name: 'testlab.com', description: 'QA lab' }, () => new Date('2025-01-01T00:00:00Z'));
    expect(lab).toEqual({ id: expect.any(Number), name: 'testlab.com', description: 'QA lab', created_at: '2025-01-01T00:00:00.000Z' });
    await registerDomain(vault.db, { name: 'demo.lab.com' });
    expect((await listDomains(vault.db)).map((d) => d.name)).toEqual(['demo.lab.com', 'testlab.com']);
  });

  it('refuses a name registered already in any letter case (9004) and names with spaces or commas (9001)', async () => {
    await registerDomain(vault.db, { name: 'testlab.com' });
    expect(await codeOf(registerDomain(vault.db, { name: 'TestLab.com' }))).toBe(9004);
    expect(await codeOf(registerDomain(vault.db, { name: 'a b' }))).toBe(9001);
    expect(await codeOf(registerDomain(vault.db, { name: 'a,b' }))).toBe(9001);
    expect(await codeOf(registerDomain(vault.db, { name: '' }))).toBe(9001);
  });
});

describe('resolveRegisteredDomains', () => {
  it('resolves a comma list of registered domains, case-insensitively, and 1029 otherwise', async () => {
    const a = await registerDomain(vault.db, { name: 'qakm.lab.mt4.dev' });
    const b = await registerDomain(vault.db, { name: 'my_device_domain' });
    expect(await resolveRegisteredDomains(vault.db, 'qakm.lab.mt4.dev,MY_DEVICE_DOMAIN')).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(await resolveRegisteredDomains(vault.db, '')).toEqual([]);
    expect(await codeOf(resolveRegisteredDomains(vault.db, 'qakm.lab.mt4.dev, my_device_domain'))).toBe(1029);
    expect(await codeOf(resolveRegisteredDomains(vault.db, 'qakm.lab.mt4.dev,,my_device_domain'))).toBe(1029);
    expect(await codeOf(resolveRegisteredDomains(vault.db, 'unknown.dev'))).toBe(1029);
  });
});
