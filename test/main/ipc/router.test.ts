import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../main/ipc/router';
import type { Handlers } from '../../../main/ipc/handlers';
import type { Sender } from '../../../main/ipc/sender';
import type { Session } from '../../../main/ipc/session';
import { silentLogger } from '../../../main/logging/logger';
import { AppFailure } from '../../../shared/errors';

const trustedWindow: Sender = { kind: 'electron', webContentsId: 1, frameUrl: 'app://pamdesk/' };
const foreignWindow: Sender = { kind: 'electron', webContentsId: 2, frameUrl: 'https://evil.example/' };

function status() {
  return {
    version: '0.0.0-test',
    shell: 'desktop' as const,
    dataDir: '/tmp/x',
    vault: 'absent' as const,
    startedAt: new Date(0).toISOString(),
    uptimeSeconds: 0,
    runtime: 'node',
    platform: 'linux-x64',
  };
}

function routerWith(handlers: Partial<Handlers> = {}, session?: Session) {
  return createRouter({
    shell: 'desktop',
    handlers: { 'core.status': () => status(), ...handlers } as Handlers,
    isTrustedSender: (sender) => sender.kind === 'electron' && sender.webContentsId === 1 && sender.frameUrl.startsWith('app://pamdesk/'),
    sessionOf: () => session,
    logger: silentLogger,
  });
}

describe('router', () => {
  it('answers a trusted sender with the ok envelope', async () => {
    const result = await routerWith().handle(trustedWindow, 'core.status', {});
    expect(result).toEqual({ ok: true, value: status() });
  });

  it('refuses a message from an untrusted sender before looking at the channel', async () => {
    const result = await routerWith().handle(foreignWindow, 'core.status', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    const unknown = await routerWith().handle(foreignWindow, 'no.such.channel', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
  });

  it('refuses an unknown channel with a typed error', async () => {
    const result = await routerWith().handle(trustedWindow, 'vault.dropEverything', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    const notAString = await routerWith().handle(trustedWindow, { toString: () => 'core.status' }, {});
    expect(notAString).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('refuses a payload that breaks its schema, naming the field, without calling the handler', async () => {
    let called = false;
    const router = routerWith({
      'core.status': () => {
        called = true;
        return status();
      },
    });
    const result = await router.handle(trustedWindow, 'core.status', { unexpected: true });
    expect(called).toBe(false);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('BAD_REQUEST');
      // In the user's words: the field and what to do, never the channel's name (kept in details for the log).
      expect(result.error.message).not.toContain('core.status');
      expect(result.error.message).toContain('unexpected');
      expect(result.error.message).toMatch(/Correct it and try again\.$/);
      expect(result.error.details).toMatchObject({ channel: 'core.status' });
    }
    const hostile = await router.handle(trustedWindow, 'core.status', 'DROP TABLE credentials');
    expect(hostile).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('turns a service failure into its error and an unexpected crash into INTERNAL without internals', async () => {
    const failing = routerWith({
      'core.status': () => {
        throw new AppFailure('VAULT_LOCKED', 'The vault is locked. Unlock it and try again.');
      },
    });
    expect(await failing.handle(trustedWindow, 'core.status', {})).toEqual({
      ok: false,
      error: { code: 'VAULT_LOCKED', message: 'The vault is locked. Unlock it and try again.' },
    });
    const crashing = routerWith({
      'core.status': () => {
        throw new TypeError('secret-bearing internal detail at /home/x/vault.db');
      },
    });
    const result = await crashing.handle(trustedWindow, 'core.status', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('secret-bearing');
    if (!result.ok) expect(result.error.message).not.toContain('core.status');
    const unknown = await crashing.handle(trustedWindow, 'vault.nonsense', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL', details: { channel: '"vault.nonsense"' } } });
    if (!unknown.ok) expect(unknown.error.message).not.toContain('vault.nonsense');
  });
});
