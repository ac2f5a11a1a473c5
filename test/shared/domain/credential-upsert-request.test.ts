import { describe, expect, it } from 'vitest';
import { validateCredentialUpsertRequest } from '../../../shared/domain/credential-upsert-request';

const BASE = { username: 'username', hostname: 'w2016', ip: '10.66.33.15' };

function code(body: unknown): number | 'ok' {
  const result = validateCredentialUpsertRequest(body);
  return result.ok ? 'ok' : result.code;
}

describe('validateCredentialUpsertRequest', () => {
  it('checks the seed rules in order: 1004, 1005, 9005, 9006, 1042, 1053', () => {
    expect(code({})).toBe(1004);
    expect(code({ hostname: 'h' })).toBe(1005);
    expect(code({ hostname: 'h h', ip: 'i' })).toBe(9005);
    expect(code({ hostname: 'h', ip: 'i' })).toBe(9006);
    expect(code({ hostname: 'h', ip: '10.0.0.1' })).toBe(1042);
    expect(code({ ...BASE, identifier: 'a/b' })).toBe(1053);
    expect(code({ ...BASE, identifier: 'A-z_0.9' })).toBe('ok');
    expect(code(null)).toBe(9001);
    expect(code([BASE])).toBe(9001);
  });

  it('formats messages as "NNNN: text"', () => {
    const result = validateCredentialUpsertRequest({ hostname: 'h' });
    expect(result.ok ? '' : result.message).toBe("1005: The device's IP was not informed");
  });

  it('turns username "" into "usr" and identifier "" into not sent', () => {
    const result = validateCredentialUpsertRequest({ ...BASE, username: '', identifier: '' });
    expect(result.ok && result.request).toMatchObject({ username: 'usr', identifier: null });
  });

  it('accepts additional_settings as an object or as the seed example\'s one-element array, criticality in any case', () => {
    const settings = { user_credential_owner: 'admin', criticality: 'High' };
    for (const additional_settings of [settings, [settings]]) {
      const result = validateCredentialUpsertRequest({ ...BASE, additional_settings });
      expect(result.ok && result.request.additional_settings).toEqual({ user_credential_owner: 'admin', criticality: 'high' });
    }
    expect(code({ ...BASE, additional_settings: [settings, settings] })).toBe(9001);
    expect(code({ ...BASE, additional_settings: { criticality: 'urgent' } })).toBe(9001);
  });

  it('accepts lenient booleans and string ids as Segura clients send them', () => {
    const result = validateCredentialUpsertRequest({
      ...BASE,
      parent_password: '152',
      execution_settings: { automatic_change: 'true', status: 0 },
      session_settings: { SSH: 1, 'X11 Forward': 'false' },
    });
    expect(result.ok && result.request).toMatchObject({
      parent_password: 152,
      execution_settings: { automatic_change: true, status: false },
      session_settings: { SSH: true, 'X11 Forward': false },
    });
  });

  it('accepts the seed\'s example bodies', () => {
    const bodies = [
      { ...BASE, content: '#@*MyS@feP@ssword%$#', identifier: 'dyaihdppaj78a547', tags: 'social' },
      {
        username: 'API_CREDENTIAL_3', hostname: 'API_DEVICE_1', ip: 'localhost',
        jit_settings: {
          jit: true, enable_disable_credential: true, use_own_credential_to_connect: true,
          authentication_credential: 'API_CREDENTIAL_1', authentication_hostname: 'API_DEVICE_1', authentication_ip: 'localhost',
          credential_enable_plugin: 'LDAP', credential_enable_template: 'AD - Activate User',
          credential_disable_plugin: 'LDAP', credential_disable_template: 'AD - Deactivate User',
        },
      },
      {
        username: 'usernametest', hostname: 'API-Testing', ip: '128.0.0.1',
        session_settings: {
          SSH: true, Telnet: true, MySQL: true, 'SQL Server': true, HTTP: true, HTTPS: true, RDP: true, 'X11 Forward': true, VNC: true,
          restrict_access_to_remote_application: true,
          macros: [{ remote_app: 'MySQL', connectivity: 'SSH' }, { remote_app: 'Kaspersky', connectivity: 'RDP' }],
          use_own_credential_to_connect: false, authentication_credential: 'cred2', authentication_hostname: 'gmail', authentication_ip: 'https://www.gmail.com',
        },
      },
    ];
    for (const body of bodies) expect(code(body)).toBe('ok');
  });
});
