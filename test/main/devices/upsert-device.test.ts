import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiRuleError } from '../../../main/credentials/api-rule-error';
import { queryCredentials } from '../../../main/credentials/query-credentials';
import { upsertCredential } from '../../../main/credentials/upsert-credential';
import { getDevice } from '../../../main/devices/get-device';
import { upsertDevice } from '../../../main/devices/upsert-device';
import { registerDomain } from '../../../main/domains/register-domain';
import { openTestVault, type TestVault } from '../credentials/test-db';

let vault: TestVault;
beforeEach(async () => {
  vault = await openTestVault();
});
afterEach(async () => vault.close());

const FINGERPRINT = 'SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s';

async function rejectsWith(promise: Promise<unknown>, code: number): Promise<void> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ApiRuleError);
  expect((error as ApiRuleError).code).toBe(code);
}

describe('upsertDevice', () => {
  it('creates a device by hostname + ip with every attribute, then updates only what is sent', async () => {
    await registerDomain(vault.db, { name: 'testlab.com' });
    const created = await upsertDevice(vault.db, {
      hostname: 'w2016', ip: '10.66.33.15', type: 'Windows', vendor: 'Microsoft', model: '2016', site: 'Lisbon',
      device_domain: 'testlab.com', device_tags: 'dmz,prod', connectivities: 'SSH:22, RDP:3389', host_key_fingerprint: FINGERPRINT,
    });
    expect(created.action).toBe('created');
    expect(created.before).toBeUndefined();
    expect(created.after).toMatchObject({
      hostname: 'w2016', ip: '10.66.33.15', type: 'Windows', vendor: 'Microsoft', model: '2016', site: 'Lisbon',
      domains: ['testlab.com'], tags: ['dmz', 'prod'], connectivities: [{ protocol: 'SSH', port: 22 }, { protocol: 'RDP', port: 3389 }],
      host_key_fingerprint: FINGERPRINT,
    });
    const updated = await upsertDevice(vault.db, { hostname: 'w2016', ip: '10.66.33.15', site: null, device_domain: '' });
    expect(updated.action).toBe('updated');
    expect(updated.before?.site).toBe('Lisbon');
    expect(updated.after).toMatchObject({ id: created.after.id, type: 'Windows', site: null, domains: [], host_key_fingerprint: FINGERPRINT });
    expect(await getDevice(vault.db, { hostname: 'w2016', ip: '10.66.34.1' })).toBeUndefined();
  });

  it("keeps the shell set on the device, else follows its type and vendor; null goes back to following them", async () => {
    const cisco = await upsertDevice(vault.db, { hostname: 'edge1', ip: '10.0.0.1', type: 'Router', vendor: 'Cisco' });
    expect(cisco.after).toMatchObject({ shell: null, effective_shell: 'network-cli' });
    const pinned = await upsertDevice(vault.db, { hostname: 'edge1', ip: '10.0.0.1', shell: 'posix' });
    expect(pinned.after).toMatchObject({ shell: 'posix', effective_shell: 'posix', vendor: 'Cisco' });
    const cleared = await upsertDevice(vault.db, { hostname: 'edge1', ip: '10.0.0.1', shell: null });
    expect(cleared.after).toMatchObject({ shell: null, effective_shell: 'network-cli' });
    await rejectsWith(upsertDevice(vault.db, { hostname: 'edge1', ip: '10.0.0.1', shell: 'cmd.exe' as never }), 9001);
  });

  it('rejects an unregistered device_domain with 1029 and writes nothing', async () => {
    await rejectsWith(upsertDevice(vault.db, { hostname: 'h', ip: '1.1.1.1', device_domain: 'nope.lab' }), 1029);
    expect(await getDevice(vault.db, { hostname: 'h', ip: '1.1.1.1' })).toBeUndefined();
  });

  it('answers the seed codes for a missing hostname or ip and 9001 for malformed fields', async () => {
    await rejectsWith(upsertDevice(vault.db, { hostname: ' ', ip: '1.1.1.1' }), 1004);
    await rejectsWith(upsertDevice(vault.db, { hostname: 'h', ip: '' }), 1005);
    await rejectsWith(upsertDevice(vault.db, { hostname: 'h', ip: '1.1.1.1', host_key_fingerprint: 'MD5:aa:bb' }), 9001);
    await rejectsWith(upsertDevice(vault.db, { hostname: 'h', ip: '1.1.1.1', connectivities: 'SSH' }), 9001);
    await rejectsWith(upsertDevice(vault.db, { hostname: 'h', ip: '1.1.1.1', connectivities: 'SSH:70000' }), 9001);
  });

  it('re-indexes its credentials for search when the device changes', async () => {
    await upsertDevice(vault.db, { hostname: 'old-name', ip: '10.0.0.5' });
    await upsertCredential(vault.deps, { username: 'root', hostname: 'old-name', ip: '10.0.0.5' });
    await upsertDevice(vault.db, { hostname: 'old-name', ip: '10.0.0.5', type: 'Firewall', vendor: 'Fortinet' });
    expect((await queryCredentials(vault.db, { search: 'fortin' })).total).toBe(1);
    expect((await queryCredentials(vault.db, { search: 'firew' })).rows[0]?.device_type).toBe('Firewall');
  });
});
