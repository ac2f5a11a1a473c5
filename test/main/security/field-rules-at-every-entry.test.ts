import { afterEach, describe, expect, it } from 'vitest';
import { validateLocally } from '../../../renderer/features/credentials/credential-validation';
import { deviceForm, validateDevice } from '../../../renderer/features/devices/device-form';
import type { ChannelName, ChannelRequest, ChannelResponse } from '../../../shared/contract/channels';
import { useTempDirs } from '../../support/temp-dir';
import { testCore, WINDOW_A } from '../../support/test-core';

/**
 * The acceptance points of "inputs that cannot become code": 999.1.1.1, a 100,000-character
 * hostname and a TAB in a username are refused at every entry (credential upsert, device upsert,
 * import, bulk edit, the credential and device editors), each with a message naming the field.
 */
const tempDir = useTempDirs();
const cores: ReturnType<typeof testCore>[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const BAD_IP = '999.1.1.1';
const HUGE_HOSTNAME = 'h'.repeat(100_000);
const TAB_USERNAME = '/etc/hostnam\t;touch /tmp/x;#';

async function openVault() {
  const core = testCore(tempDir());
  cores.push(core);
  const call = async <C extends ChannelName>(channel: C, payload: ChannelRequest<C>) => core.call(WINDOW_A, channel, payload);
  const created = await call('vault.create', { username: 'admin', passphrase: 'field rules admin passphrase' });
  if (!created.ok) throw new Error(created.error.message);
  const device = await call('device.upsert', { hostname: 'srv01', ip: '10.0.0.1' });
  if (!device.ok) throw new Error(device.error.message);
  const value = async <C extends ChannelName>(channel: C, payload: ChannelRequest<C>): Promise<ChannelResponse<C>> => {
    const result = await call(channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as ChannelResponse<C>;
  };
  return { call, value };
}

const failureOf = (result: { ok: boolean; error?: { code: string; message: string } }) => (result.ok ? 'saved' : `${result.error?.code} ${result.error?.message}`);

describe('field rules at every entry', () => {
  it('credential.upsert (seed 004) refuses them with 9006, 9005 and 1042, and saves nothing', async () => {
    const { call, value } = await openVault();
    const base = { username: 'app', hostname: 'srv01', ip: '10.0.0.1', content: 'pw-1' };
    expect(failureOf(await call('credential.upsert', { ...base, ip: BAD_IP }))).toMatch(/9006: Invalid IP address.*"999\.1\.1\.1" is not an IPv4 address/);
    expect(failureOf(await call('credential.upsert', { ...base, hostname: HUGE_HOSTNAME }))).toMatch(/9005: Invalid hostname.*100,000 characters long/);
    expect(failureOf(await call('credential.upsert', { ...base, username: TAB_USERNAME }))).toMatch(/1042: Invalid username.*contains a TAB/);
    expect(failureOf(await call('credential.upsert', { ...base, tags: 'ok,bad\u001b[2J' }))).toMatch(/9001.*tags.*ESC character/);
    expect(failureOf(await call('credential.upsert', { ...base, execution_settings: { authentication_ip: BAD_IP } }))).toMatch(/9001.*authentication_ip.*not an IPv4 address/);
    expect((await value('credential.query', {})).total).toBe(0);
    expect(failureOf(await call('credential.upsert', base))).toBe('saved');
  });

  it('device.upsert refuses them at the contract (same rule, same sentence), and saves nothing', async () => {
    const { call, value } = await openVault();
    expect(failureOf(await call('device.upsert', { hostname: 'srv02', ip: BAD_IP }))).toMatch(/BAD_REQUEST .*ip: The IP "999\.1\.1\.1" is not an IPv4 address/);
    expect(failureOf(await call('device.upsert', { hostname: HUGE_HOSTNAME, ip: '10.0.0.2' }))).toMatch(/BAD_REQUEST .*hostname: The hostname is 100,000 characters long/);
    expect(failureOf(await call('device.upsert', { hostname: 'srv02', ip: '10.0.0.2', vendor: 'Ven\u0000dor' }))).toMatch(/vendor: The vendor contains a NUL character/);
    expect((await value('device.list', {})).map((d) => d.hostname)).toEqual(['srv01']);
    expect(failureOf(await call('device.upsert', { hostname: 'web', ip: 'https://www.gmail.com' }))).toBe('saved');
  });

  it('import lists each bad row with the rule, and offers no token', async () => {
    const { value } = await openVault();
    const csvText = [
      'username,hostname,ip,content',
      `a,srv01,${BAD_IP},x`,
      `b,${HUGE_HOSTNAME},10.0.0.1,x`,
      `"${TAB_USERNAME}",srv01,10.0.0.1,x`,
      'ok,srv01,10.0.0.1,x',
    ].join('\r\n');
    const preview = await value('import.preview', { format: 'pamdesk', csvText });
    expect(preview.token).toBeNull();
    expect(preview.errors.map((e) => [e.row, e.problem.slice(0, 4)])).toEqual([[1, '9006'], [2, '9005'], [3, '1042']]);
    expect(preview.errors[1]?.problem).toMatch(/100,000 characters long/);
  });

  it('bulk edit refuses a device named by a bad hostname or IP', async () => {
    const { call, value } = await openVault();
    await value('credential.upsert', { identifier: 'c1', username: 'app', hostname: 'srv01', ip: '10.0.0.1', content: 'pw' });
    const { id } = await value('credential.get', { ref: 'c1' });
    const preview = (device: { hostname: string; ip: string }) => call('bulk.preview', { action: 'edit', credentialIds: [id], changes: { device } });
    expect(failureOf(await preview({ hostname: 'srv01', ip: BAD_IP }))).toMatch(/BAD_REQUEST .*changes\.device\.ip: The IP "999\.1\.1\.1" is not an IPv4 address/);
    expect(failureOf(await preview({ hostname: HUGE_HOSTNAME, ip: '10.0.0.1' }))).toMatch(/BAD_REQUEST .*changes\.device\.hostname: .*100,000 characters long/);
  });

  it("the editors show the same rules before sending: credential editor and device form", () => {
    const body = { username: 'app', hostname: 'srv01', ip: '10.0.0.1' };
    expect(validateLocally({ ...body, ip: BAD_IP }, undefined)?.fields).toEqual({ ip: 'The IP is not valid.' });
    expect(validateLocally({ ...body, ip: BAD_IP }, undefined)?.summary).toMatch(/not an IPv4 address/);
    expect(validateLocally({ ...body, hostname: HUGE_HOSTNAME }, undefined)?.fields).toEqual({ hostname: 'The hostname is not valid.' });
    expect(validateLocally({ ...body, username: TAB_USERNAME }, undefined)?.fields).toEqual({ username: 'The username is not valid.' });
    expect(validateLocally(body, undefined)).toBeUndefined();
    const form = deviceForm(undefined);
    expect(validateDevice({ ...form, hostname: 'srv', ip: BAD_IP })?.fields.ip).toMatch(/"999\.1\.1\.1" is not an IPv4 address/);
    expect(validateDevice({ ...form, hostname: HUGE_HOSTNAME, ip: '10.0.0.1' })?.fields.hostname).toMatch(/100,000 characters long/);
    expect(validateDevice({ ...form, hostname: 'srv', ip: '10.0.0.1' })).toBeUndefined();
  });
});
