import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialApiResponseSchema } from '../../../shared/domain/credential-api-response';
import { getCredential } from '../../../main/credentials/get-credential';
import { getDevice } from '../../../main/devices/get-device';
import { upsertCredential, type UpsertCredentialResult } from '../../../main/credentials/upsert-credential';
import { openTestVault, type TestVault } from './test-db';
import { seedDevice, seedDomains, seedTemplate, W2016 } from './fixtures';

let vault: TestVault;
beforeEach(async () => {
  vault = await openTestVault();
  await seedDevice(vault);
  // The change templates the settings below name: execution settings must name existing templates.
  await seedTemplate(vault, 'T');
  await seedTemplate(vault, 'Linux - passwd');
});
afterEach(async () => vault.close());

function ok(result: UpsertCredentialResult) {
  if (!result.ok) throw new Error(`expected success, got ${result.response.response.message} ${result.response.response.detail}`);
  return result;
}

async function create(extra: Record<string, unknown> = {}) {
  return ok(await upsertCredential(vault.deps, { username: 'username', ...W2016, content: 'pw-1', ...extra }));
}

async function count(): Promise<number> {
  const row = await vault.db.selectFrom('credentials').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('upsertCredential: seed 004 rules', () => {
  it('creates a credential with a UUIDv7 identifier when none is sent, with the seed defaults', async () => {
    const result = await create();
    expect(result.action).toBe('created');
    expect(result.response.code).toBe(201);
    expect(result.response.response.message).toBe('Credential created successfully!');
    expect(result.response.credential?.identifier).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(result.response.credential?.id).toBe(String(result.credentialId));
    expect(result.after).toMatchObject({ credential_type: 'Local User', kind: 'password', status: 'active', in_sync: 'unknown', version: 1, has_content: true });
    expect(result.before).toBeUndefined();
    expect(result.changedSecrets).toEqual(['content']);
    expect(credentialApiResponseSchema.parse(result.response)).toEqual(result.response);
  });

  it('existing identifier: updates that credential with the other values sent', async () => {
    const first = await create({ identifier: 'dyaihdppaj78a547' });
    const result = ok(
      await upsertCredential(vault.deps, { username: 'username', ...W2016, content: '#@*MyS@feP@ssword%$#', identifier: 'dyaihdppaj78a547', tags: 'social' }, { tenant: 'senhasegura' }),
    );
    expect(result.action).toBe('updated');
    expect(result.response).toEqual({
      code: 201,
      response: {
        status: 201,
        message: 'Credential updated successfully!',
        error: false,
        error_code: 0,
        detail: '',
        mensagem: 'Credential updated successfully!',
        erro: false,
        cod_erro: 0,
      },
      tenant: 'senhasegura',
      credential: { id: String(first.credentialId), identifier: 'dyaihdppaj78a547' },
    });
    expect(result.before?.tags).toEqual([]);
    expect(result.after.tags).toEqual(['social']);
    expect(result.after.version).toBe(2);
    expect(await count()).toBe(1);
  });

  it('existing identifier: a new username on it changes the username (identifier required to change a username)', async () => {
    await create({ identifier: 'cred-a' });
    const result = ok(await upsertCredential(vault.deps, { username: 'renamed', ...W2016, identifier: 'cred-a' }));
    expect(result.after.username).toBe('renamed');
    expect(await count()).toBe(1);
  });

  it('new identifier: finds the credential by hostname + ip + username and changes its identifier', async () => {
    const first = await create({ identifier: 'old-identifier' });
    const result = ok(await upsertCredential(vault.deps, { username: 'username', ...W2016, identifier: 'newidentifier17846aa8', tags: 'social' }));
    expect(result.action).toBe('updated');
    expect(result.response.response.message).toBe('Credential updated successfully!');
    expect(result.response.credential).toEqual({ id: String(first.credentialId), identifier: 'newidentifier17846aa8' });
    expect(result.before?.identifier).toBe('old-identifier');
    expect(await getCredential(vault.db, 'old-identifier')).toBeUndefined();
    expect(await count()).toBe(1);
  });

  it('new identifier and no credential for hostname + ip + username: creates one with that identifier', async () => {
    await create({ identifier: 'first' });
    const result = ok(await upsertCredential(vault.deps, { username: 'someone-else', ...W2016, identifier: 'second.id_2-x' }));
    expect(result.action).toBe('created');
    expect(result.response.response.message).toBe('Credential created successfully!');
    expect(result.after.identifier).toBe('second.id_2-x');
    expect(await count()).toBe(2);
  });

  it('no identifier (""): updates by username + hostname + ip, keeps and returns the stored identifier', async () => {
    const first = await create({ identifier: '018fee1d-bc06-70b0-941b-163724042b60' });
    const result = ok(await upsertCredential(vault.deps, { username: 'username', ...W2016, content: 'pw-2', identifier: '', tags: 'social' }));
    expect(result.action).toBe('updated');
    expect(result.response.credential).toEqual({ id: String(first.credentialId), identifier: '018fee1d-bc06-70b0-941b-163724042b60' });
    expect(await count()).toBe(1);
  });

  it('no identifier and a new username: creates a new credential', async () => {
    await create();
    const result = ok(await upsertCredential(vault.deps, { username: 'other', ...W2016 }));
    expect(result.action).toBe('created');
    expect(await count()).toBe(2);
  });

  it('username "" becomes "usr"', async () => {
    const result = ok(await upsertCredential(vault.deps, { username: '', ...W2016 }));
    expect(result.after.username).toBe('usr');
    const again = ok(await upsertCredential(vault.deps, { username: '', ...W2016, tags: 'x' }));
    expect(again.action).toBe('updated');
    expect(again.credentialId).toBe(result.credentialId);
  });

  it('only sent fields change on update; null clears a field', async () => {
    await create({ identifier: 'keep', additional: 'info', domain: 'CORP', notes: 'n1' });
    const updated = ok(await upsertCredential(vault.deps, { username: 'username', ...W2016, identifier: 'keep', notes: null }));
    expect(updated.after).toMatchObject({ additional: 'info', domain: 'CORP', notes: null, has_content: true });
    expect(updated.changedSecrets).toEqual([]);
  });

  it('stores every seed field: device fields, settings, additional settings, jit, parent', async () => {
    await seedDomains(vault, 'testlab.com', 'demo.lab.com');
    const parent = await create({ identifier: 'parent', username: 'root' });
    const result = ok(
      await upsertCredential(vault.deps, {
        username: 'usernametest',
        ...W2016,
        content: 's3cret',
        additional: 'db=orders',
        tags: 'social, prod ,social',
        credential_type: 'Domain User',
        domain: 'CORP',
        parent_password: parent.credentialId,
        type: 'Linux',
        vendor: 'Debian',
        model: '12',
        site: 'Lisbon',
        device_domain: 'testlab.com,demo.lab.com',
        device_tags: 'dmz',
        connectivities: 'SSH:22,RDP:3389',
        session_remote_config: 'login: [#USERNAME#]',
        execution_settings: { automatic_change: true, change_plugin: 'SSH', change_template: 'Linux - passwd', use_own_credential_to_connect: 'true' },
        session_settings: { SSH: true, 'SQL Server': false, macros: [{ remote_app: 'MySQL', connectivity: 'SSH' }] },
        additional_settings: [
          {
            identifier: 'a2a-id',
            user_credential_owner: 'admin',
            server_path: '/etc/host',
            secret_key: '295B3LA1M6LRAHI2S7G1A36LMK6I4IWW',
            criticality: 'High',
            additional_authentication_fields: [{ name: 'name', short_name: 'short_name1', value: 'Enable' }],
          },
        ],
        notes: 'Credential to be used only in network A',
        jit_settings: { jit: false },
      }),
    );
    expect(result.after).toMatchObject({
      tags: ['social', 'prod'],
      credential_type: 'Domain User',
      domain: 'CORP',
      parent_credential_id: parent.credentialId,
      session_remote_config: 'login: [#USERNAME#]',
      execution_settings: { automatic_change: true, change_plugin: 'SSH', change_template: 'Linux - passwd', use_own_credential_to_connect: true },
      session_settings: { SSH: true, 'SQL Server': false, macros: [{ remote_app: 'MySQL', connectivity: 'SSH' }] },
      additional_settings: {
        identifier: 'a2a-id',
        user_credential_owner: 'admin',
        server_path: '/etc/host',
        criticality: 'high',
        additional_authentication_fields: [{ name: 'name', short_name: 'short_name1' }],
        has_secret_key: true,
      },
      notes: 'Credential to be used only in network A',
      jit_settings: { jit: false },
    });
    expect(result.changedSecrets).toEqual(['content', 'totp_secret', 'additional_auth_values']);
    const device = await getDevice(vault.db, W2016);
    expect(device).toMatchObject({
      type: 'Linux',
      vendor: 'Debian',
      model: '12',
      site: 'Lisbon',
      domains: ['demo.lab.com', 'testlab.com'],
      tags: ['dmz'],
      connectivities: [{ protocol: 'SSH', port: 22 }, { protocol: 'RDP', port: 3389 }],
    });
  });

  it('a new device type/vendor/model/site value creates one lookup row; a repeated value reuses it', async () => {
    await create({ type: 'Linux' });
    await upsertCredential(vault.deps, { username: 'b', ...W2016, type: 'linux' });
    const types = await vault.db.selectFrom('device_types').selectAll().execute();
    expect(types).toHaveLength(1);
    await upsertCredential(vault.deps, { username: 'c', ...W2016, type: 'Windows' });
    expect(await vault.db.selectFrom('device_types').selectAll().execute()).toHaveLength(2);
  });

  it('merges settings objects key by key on update', async () => {
    await create({ identifier: 'm', execution_settings: { automatic_change: true, change_plugin: 'SSH', change_template: 'T' } });
    const r = ok(await upsertCredential(vault.deps, { username: 'username', ...W2016, identifier: 'm', execution_settings: { agent_based_password_change: true } }));
    expect(r.after.execution_settings).toEqual({ automatic_change: true, change_plugin: 'SSH', change_template: 'T', agent_based_password_change: true });
  });
});

describe('upsertCredential: seed 004 error codes', () => {
  async function fails(body: Record<string, unknown>, code: number) {
    const result = await upsertCredential(vault.deps, body);
    expect(result.ok).toBe(false);
    expect(result.response.code).toBe(400);
    expect(result.response.response).toMatchObject({ status: 400, error: true, error_code: code, erro: true, cod_erro: code });
    expect(result.response.response.message).toMatch(new RegExp(`^${code}: `));
    expect(result.response.response.mensagem).toBe(result.response.response.message);
    expect(result.response.credential).toBeUndefined();
    return result.response.response;
  }

  it("1004: hostname missing or empty", async () => {
    const r = await fails({ username: 'u', ip: W2016.ip }, 1004);
    expect(r.message).toBe("1004: The device's hostname was not informed");
    await fails({ username: 'u', hostname: '', ip: W2016.ip }, 1004);
  });

  it('1005: ip missing', async () => {
    const r = await fails({ username: 'u', hostname: W2016.hostname }, 1005);
    expect(r.message).toBe("1005: The device's IP was not informed");
  });

  it('1011: hostname + ip name no device', async () => {
    const r = await fails({ username: 'u', hostname: 'w2016', ip: '10.0.0.99' }, 1011);
    expect(r.message).toBe('1011: Device not found');
  });

  it('1029: unregistered device_domain, or domains separated with spaces', async () => {
    await seedDomains(vault, 'testlab.com', 'demo.lab.com');
    const r = await fails({ username: 'u', ...W2016, device_domain: 'unknown.lab' }, 1029);
    expect(r.message).toBe('1029: It is not possible to enter a domain that has not been previously registered');
    await fails({ username: 'u', ...W2016, device_domain: 'testlab.com, demo.lab.com' }, 1029);
    ok(await upsertCredential(vault.deps, { username: 'u', ...W2016, device_domain: 'testlab.com,demo.lab.com' }));
  });

  it('1042: username not sent (or not a string)', async () => {
    const r = await fails({ ...W2016 }, 1042);
    expect(r.message).toBe('1042: Invalid username');
    await fails({ ...W2016, username: null }, 1042);
    await fails({ ...W2016, username: 7 }, 1042);
  });

  it('1046: plugin not informed (change, reconciliation, JIT create/delete, enable/disable)', async () => {
    const r = await fails({ username: 'u', ...W2016, execution_settings: { automatic_change: true, change_template: 'T' } }, 1046);
    expect(r.message).toBe('1046: Plugin not informed');
    expect(r.detail).toContain('execution_settings.change_plugin');
    await fails({ username: 'u', ...W2016, execution_settings: { status: true, reconciliation_template: 'T' } }, 1046);
    await fails(
      { username: 'u', ...W2016, jit_settings: { jit: true, credential_creation_and_deletion: true, credential_creation_template: 'a', credential_deletion_plugin: 'SSH', credential_deletion_template: 'b' } },
      1046,
    );
    await fails(
      { username: 'u', ...W2016, jit_settings: { jit: true, enable_disable_credential: true, credential_enable_plugin: 'LDAP', credential_enable_template: 'a', credential_disable_template: 'b' } },
      1046,
    );
  });

  it('1047: template not informed', async () => {
    const r = await fails({ username: 'u', ...W2016, execution_settings: { automatic_change: true, change_plugin: 'SSH' } }, 1047);
    expect(r.message).toBe('1047: Template plugin not informed');
    await fails(
      { username: 'u', ...W2016, jit_settings: { jit: true, credential_creation_and_deletion: true, credential_creation_plugin: 'SSH', credential_deletion_plugin: 'SSH', credential_creation_template: 'x' } },
      1047,
    );
  });

  it('1046/1047 are checked against stored settings merged with the sent ones', async () => {
    await create({ identifier: 'x', execution_settings: { change_plugin: 'SSH', change_template: 'T' } });
    ok(await upsertCredential(vault.deps, { username: 'username', ...W2016, identifier: 'x', execution_settings: { automatic_change: true } }));
    await fails({ username: 'username', ...W2016, identifier: 'x', execution_settings: { change_template: null } }, 1047);
  });

  it('1053: identifier with characters outside [A-Za-z0-9_.-]', async () => {
    const r = await fails({ username: 'u', ...W2016, identifier: 'bad id!' }, 1053);
    expect(r.message).toBe('1053: The identifier can only contain letters, numbers, "_" and "-".');
    await fails({ username: 'u', ...W2016, identifier: 'ação' }, 1053);
  });

  it('a failed rule leaves nothing written (one transaction)', async () => {
    await seedDomains(vault, 'testlab.com');
    await fails({ username: 'u', ...W2016, type: 'Linux', device_domain: 'nope.lab' }, 1029);
    expect(await vault.db.selectFrom('device_types').selectAll().execute()).toHaveLength(0);
    expect(await count()).toBe(0);
  });

  it('9002 (pamdesk): parent_password names no other credential', async () => {
    await fails({ username: 'u', ...W2016, parent_password: 999 }, 9002);
  });

  it('9003 (pamdesk): moving a credential onto an account another credential holds', async () => {
    await seedDevice(vault, { hostname: 'h2', ip: '10.0.0.2' });
    await create({ identifier: 'one' });
    ok(await upsertCredential(vault.deps, { username: 'username', hostname: 'h2', ip: '10.0.0.2', identifier: 'two' }));
    await fails({ username: 'username', hostname: 'h2', ip: '10.0.0.2', identifier: 'one' }, 9003);
  });

  it('9001 (pamdesk): a field of the wrong shape', async () => {
    const r = await fails({ username: 'u', ...W2016, additional_settings: { criticality: 'extreme' } }, 9001);
    expect(r.detail).toContain('additional_settings');
  });
});
