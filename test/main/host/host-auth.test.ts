import { describe, expect, it } from 'vitest';
import { createHostGate, tokenFromCookie, withoutToken } from '../../../main/host/host-auth';

const token = 'T0KEN-for-tests_abcdefghijklmnopqrstuvwxyz012';
const gate = createHostGate(token, ['127.0.0.1:4000', 'localhost:4000']);
const base = { host: '127.0.0.1:4000', origin: undefined, cookie: undefined, url: '/', isUpgrade: false };

describe('host gate', () => {
  it('refuses a request without the token with 401', () => {
    expect(gate.check(base)).toMatchObject({ allow: false, status: 401 });
    expect(gate.check({ ...base, url: '/?token=wrong' })).toMatchObject({ allow: false, status: 401 });
    expect(gate.check({ ...base, cookie: 'pamdesk_token=wrong' })).toMatchObject({ allow: false, status: 401 });
  });

  it('accepts the token in the URL once and in the cookie afterwards', () => {
    expect(gate.check({ ...base, url: `/?token=${token}` })).toEqual({ allow: true, viaQueryToken: true });
    expect(gate.check({ ...base, cookie: `other=1; pamdesk_token=${token}` })).toEqual({ allow: true, viaQueryToken: false });
  });

  it('refuses a foreign Host (DNS rebinding) with 403 even with the token', () => {
    expect(gate.check({ ...base, host: 'evil.example:4000', url: `/?token=${token}` })).toMatchObject({ allow: false, status: 403 });
    expect(gate.check({ ...base, host: undefined, url: `/?token=${token}` })).toMatchObject({ allow: false, status: 403 });
  });

  it('refuses a foreign Origin with 403 even with the token', () => {
    expect(gate.check({ ...base, origin: 'https://evil.example', cookie: `pamdesk_token=${token}` })).toMatchObject({ allow: false, status: 403 });
    expect(gate.check({ ...base, origin: 'http://127.0.0.1:4000', cookie: `pamdesk_token=${token}` })).toMatchObject({ allow: true });
  });

  it('requires an Origin on WebSocket upgrades', () => {
    expect(gate.check({ ...base, isUpgrade: true, cookie: `pamdesk_token=${token}` })).toMatchObject({ allow: false, status: 403 });
    expect(gate.check({ ...base, isUpgrade: true, origin: 'http://localhost:4000', host: 'localhost:4000', cookie: `pamdesk_token=${token}` })).toMatchObject({ allow: true });
  });

  it('reads the cookie and strips the token from URLs', () => {
    expect(tokenFromCookie('a=b; pamdesk_token=x=y')).toBe('x=y');
    expect(tokenFromCookie(undefined)).toBeUndefined();
    expect(withoutToken(`/?token=${token}`)).toBe('/');
    expect(withoutToken(`/a?x=1&token=${token}`)).toBe('/a?x=1');
  });
});
