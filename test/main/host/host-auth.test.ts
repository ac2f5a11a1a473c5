import { describe, expect, it } from 'vitest';
import { createHostGate, selectProtocol, tokenFromProtocols } from '../../../main/host/host-auth';

const token = 'T0KEN-for-tests_abcdefghijklmnopqrstuvwxyz012';
const gate = createHostGate(token, ['127.0.0.1:4000', 'localhost:4000']);
const base = { host: '127.0.0.1:4000', origin: undefined, url: '/', isUpgrade: false };
const upgrade = { ...base, isUpgrade: true, origin: 'http://127.0.0.1:4000' };

describe('host gate', () => {
  it('serves static files on our Host without a token: they are public code, the data is behind the socket', () => {
    expect(gate.check(base)).toEqual({ allow: true });
    expect(gate.check({ ...base, url: '/assets/index.js' })).toEqual({ allow: true });
  });

  it('opens the WebSocket only with the token offered as a subprotocol', () => {
    expect(gate.check(upgrade)).toMatchObject({ allow: false, status: 401 });
    expect(gate.check({ ...upgrade, protocols: 'pamdesk.v1, pamdesk.token.wrong' })).toMatchObject({ allow: false, status: 401 });
    expect(gate.check({ ...upgrade, protocols: `pamdesk.v1, pamdesk.token.${token}` })).toEqual({ allow: true });
  });

  it('grants nothing to a cookie: cookies ignore ports, so any local server could have set or seen it', () => {
    const withCookie = { ...upgrade, cookie: `pamdesk_token=${token}` } as typeof upgrade;
    expect(gate.check(withCookie)).toMatchObject({ allow: false, status: 401 });
  });

  it('refuses a foreign Host (DNS rebinding) with 403 even with the token', () => {
    expect(gate.check({ ...base, host: 'evil.example:4000' })).toMatchObject({ allow: false, status: 403 });
    expect(gate.check({ ...upgrade, host: 'evil.example:4000', protocols: `pamdesk.token.${token}` })).toMatchObject({ allow: false, status: 403 });
    expect(gate.check({ ...base, host: undefined })).toMatchObject({ allow: false, status: 403 });
  });

  it('refuses a foreign Origin with 403 even with the token, and requires one on upgrades', () => {
    expect(gate.check({ ...upgrade, origin: 'https://evil.example', protocols: `pamdesk.token.${token}` })).toMatchObject({ allow: false, status: 403 });
    expect(gate.check({ ...upgrade, origin: undefined, protocols: `pamdesk.token.${token}` })).toMatchObject({ allow: false, status: 403 });
    expect(gate.check({ ...upgrade, origin: 'http://localhost:4000', host: 'localhost:4000', protocols: `pamdesk.token.${token}` })).toEqual({ allow: true });
  });

  it('reads the token protocol and answers with ours, never echoing the token', () => {
    expect(tokenFromProtocols(`pamdesk.v1, pamdesk.token.${token}`)).toBe(token);
    expect(tokenFromProtocols(undefined)).toBeUndefined();
    expect(selectProtocol(new Set(['pamdesk.v1', `pamdesk.token.${token}`]))).toBe('pamdesk.v1');
    expect(selectProtocol(new Set([`pamdesk.token.${token}`]))).toBe(false);
  });
});
