import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core/create-core';
import type { Sender } from '../../../main/ipc/sender';
import { useTempDirs } from '../../support/temp-dir';
import { testCore, WINDOW_A, WINDOW_B } from '../../support/test-core';

const tempDir = useTempDirs();
const open: Core[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
});

type TestCore = ReturnType<typeof testCore>;

async function vaultWithCredential(): Promise<{ core: TestCore; credentialId: number }> {
  const core = testCore(tempDir());
  open.push(core);
  expect(await core.call(WINDOW_A, 'vault.create', { username: 'admin', passphrase: 'admin passphrase for cancel' })).toMatchObject({ ok: true });
  for (const username of ['olga', 'bob']) {
    expect(await core.call(WINDOW_A, 'user.add', { username, role: 'operator', passphrase: `${username} passphrase 1` })).toMatchObject({ ok: true });
  }
  expect(await core.call(WINDOW_A, 'domain.add', { name: 'corp.example' })).toMatchObject({ ok: true });
  expect(await core.call(WINDOW_A, 'device.upsert', { hostname: 'srv01', ip: '10.0.0.5', type: 'Linux', device_domain: 'corp.example', connectivities: 'SSH:22' })).toMatchObject({ ok: true });
  const created = await core.call(WINDOW_A, 'credential.upsert', { username: 'root', hostname: 'srv01', ip: '10.0.0.5', content: 'Cancel-test-pw-1', identifier: 'srv01-root' });
  const credentialId = (created as { value?: { credential?: { id: number | string } } }).value?.credential?.id;
  expect(credentialId, JSON.stringify(created)).toBeDefined();
  return { core, credentialId: Number(credentialId) };
}

async function signInOn(core: TestCore, sender: Sender, username: string): Promise<void> {
  expect(await core.call(sender, 'session.unlock', { username, passphrase: `${username} passphrase 1` })).toMatchObject({ ok: true });
}

async function requestVerify(core: TestCore, sender: Sender, credentialId: number): Promise<string> {
  const result = await core.call(sender, 'operation.requestVerify', { credentialIds: [credentialId] });
  const code = (result as { value?: { scheduled: { code: string }[] } }).value?.scheduled[0]?.code;
  expect(code, JSON.stringify(result)).toBeDefined();
  return code ?? '';
}

describe('cancelling an operation', () => {
  it("is refused to another operator, and allowed to the requester and to an administrator", async () => {
    const { core, credentialId } = await vaultWithCredential();
    await signInOn(core, WINDOW_B, 'olga');
    const olgas = await requestVerify(core, WINDOW_B, credentialId);
    const another = await requestVerify(core, WINDOW_B, credentialId);
    expect(await core.call(WINDOW_B, 'session.signOut', {})).toMatchObject({ ok: true });

    await signInOn(core, WINDOW_B, 'bob');
    const refused = await core.call(WINDOW_B, 'operation.cancel', { code: olgas });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: `Operation ${olgas} was requested by olga: only they or an administrator can cancel it.` } });
    expect(await core.call(WINDOW_B, 'operation.get', { code: olgas })).toMatchObject({ ok: true, value: { state: 'Scheduled' } });
    const bobs = await requestVerify(core, WINDOW_B, credentialId);
    expect(await core.call(WINDOW_B, 'operation.cancel', { code: bobs })).toMatchObject({ ok: true, value: { state: 'Canceled' } });
    expect(await core.call(WINDOW_B, 'session.signOut', {})).toMatchObject({ ok: true });

    await signInOn(core, WINDOW_B, 'olga');
    expect(await core.call(WINDOW_B, 'operation.cancel', { code: olgas })).toMatchObject({ ok: true, value: { state: 'Canceled' } });
    expect(await core.call(WINDOW_A, 'operation.cancel', { code: another })).toMatchObject({ ok: true, value: { state: 'Canceled' } });

    const audit = await core.sessions.vault().database.db.selectFrom('audit_log').select(['actor', 'object_id']).where('action', '=', 'operation.cancel').orderBy('id').execute();
    expect(audit).toEqual([
      { actor: 'bob', object_id: bobs },
      { actor: 'olga', object_id: olgas },
      { actor: 'admin', object_id: another },
    ]);
  });
});
