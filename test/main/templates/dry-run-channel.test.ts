import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core/create-core';
import { useTempDirs } from '../../support/temp-dir';
import { testCore, WINDOW_A, WINDOW_B } from '../../support/test-core';

const tempDir = useTempDirs();
const open: Core[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
});

const SECRET = 'Dry-run-real-Pw-9q2';
const BODY = ['expect "*assword:*"', 'exec "[#CURRENT_PASSWORD#]"', 'expect "*assword:*"', 'exec "[#NEW_PASSWORD#]"', `exec "echo ${SECRET}"`, 'end'].join('\n');

describe('template.dryRun through the router', () => {
  it('is for template authors only, and answers placeholders, never the vault secret', async () => {
    const core = testCore(tempDir());
    open.push(core);
    expect(await core.call(WINDOW_A, 'vault.create', { username: 'admin', passphrase: 'admin passphrase for dry run' })).toMatchObject({ ok: true });
    expect(await core.call(WINDOW_A, 'user.add', { username: 'olga', role: 'operator', passphrase: 'operator passphrase 1' })).toMatchObject({ ok: true });
    expect(await core.call(WINDOW_A, 'domain.add', { name: 'corp.example' })).toMatchObject({ ok: true });
    expect(await core.call(WINDOW_A, 'device.upsert', { hostname: 'srv01', ip: '10.0.0.5', type: 'Linux', device_domain: 'corp.example', connectivities: 'SSH:22' })).toMatchObject({ ok: true });
    const created = await core.call(WINDOW_A, 'credential.upsert', { username: 'root', hostname: 'srv01', ip: '10.0.0.5', content: SECRET, identifier: 'srv01-root' });
    const credentialId = Number((created as { value?: { credential?: { id: number | string } } }).value?.credential?.id);

    expect(await core.call(WINDOW_B, 'session.unlock', { username: 'olga', passphrase: 'operator passphrase 1' })).toMatchObject({ ok: true });
    const refused = await core.call(WINDOW_B, 'template.dryRun', { body: BODY, variables: [], credentialId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { permission: 'template.write' } } });

    const answer = await core.call(WINDOW_A, 'template.dryRun', { body: BODY, variables: [], credentialId });
    expect(answer).toMatchObject({ ok: true, value: { ok: true, lines: ['expect *assword:*', 'exec «CURRENT_PASSWORD»', 'expect *assword:*', 'exec «NEW_PASSWORD»', `exec echo ${SECRET}`, 'end'] } });
  });
});
