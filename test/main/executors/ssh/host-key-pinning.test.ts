import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeHostKey } from '../../../../main/executors/ssh/probe-host-key';
import { runSshScript } from '../../../../main/executors/ssh/run-ssh-script';
import { tryLogin } from '../../../../main/executors/ssh/try-login';
import { startCiscoTarget, type CiscoTarget } from '../../../support/targets/cisco-ios';
import { startLinuxTarget, type LinuxTarget } from '../../../support/targets/linux-sshd';
import { PROMPT, script } from './script-fixture';

// A fingerprint of the right shape that no test server has.
const WRONG = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const PASSWORD = 'Pinned-Pass-31';

let router: CiscoTarget;
let linux: LinuxTarget;

beforeAll(async () => {
  [router, linux] = await Promise.all([
    startCiscoTarget({ users: { netops: PASSWORD }, enableSecret: 'enable' }),
    startLinuxTarget({ accounts: [{ username: 'gina', password: PASSWORD }] }),
  ]);
});

afterAll(async () => {
  await Promise.all([router?.stop(), linux?.stop()]);
});

describe('host key pinning', () => {
  it('fails with "host key changed" before any authentication attempt (the device saw none)', async () => {
    const result = await runSshScript({ host: router.host, port: router.port, pinnedFingerprint: WRONG }, { username: 'netops', password: PASSWORD }, script([], [{ kind: 'expect', pattern: '*>' }]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.kind).toBe('host-key-changed');
    expect(result.failure.message).toMatch(/^Host key changed for 127\.0\.0\.1:\d+: .*No credential was sent/);
    expect(result.failure.presentedFingerprint).toBe(router.hostKeyFingerprint);
    expect(await tryLogin({ target: { host: router.host, port: router.port, pinnedFingerprint: WRONG }, auth: { username: 'netops', password: PASSWORD } })).toBe('host-key-mismatch');
    expect(router.authAttempts).toEqual([]);
  });

  it('refuses a device with no pinned key, carrying the presented fingerprint for the trust action', async () => {
    const result = await runSshScript({ host: router.host, port: router.port, pinnedFingerprint: null }, { username: 'netops', password: PASSWORD }, script([], []));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure).toMatchObject({ kind: 'host-key-untrusted', presentedFingerprint: router.hostKeyFingerprint });
    expect(result.failure.message).toContain('not trusted yet');
    expect(router.authAttempts).toEqual([]);
  });

  it('probes the host key without authenticating', async () => {
    expect(await probeHostKey(router.host, router.port)).toEqual({ ok: true, fingerprint: router.hostKeyFingerprint, keyType: 'ssh-ed25519' });
    expect(router.authAttempts).toEqual([]);
    // Against OpenSSH, the probe shows the key ssh2 will negotiate, which is what ssh-keygen -l prints.
    expect(await probeHostKey(linux.host, linux.port)).toEqual({ ok: true, fingerprint: linux.hostKeyFingerprints.ed25519, keyType: 'ssh-ed25519' });
  });

  it('accepts the pinned key and the password once the key matches', async () => {
    expect(await tryLogin({ target: { host: router.host, port: router.port, pinnedFingerprint: router.hostKeyFingerprint }, auth: { username: 'netops', password: PASSWORD } })).toBe('accepted');
    expect(router.authAttempts).toEqual([{ username: 'netops', method: 'password' }]);
  });

  it('fails against the real sshd with a wrong pinned key, and sshd saw no user', async () => {
    const result = await runSshScript({ host: linux.host, port: linux.port, pinnedFingerprint: WRONG }, { username: 'gina', password: PASSWORD }, script([], [PROMPT]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.kind).toBe('host-key-changed');
    expect(result.failure.presentedFingerprint).toBe(linux.hostKeyFingerprint);
    expect(linux.log()).not.toContain('gina');
  });

  it('reports an unreachable port as unreachable, quickly', async () => {
    const closed = { host: '127.0.0.1', port: 1, pinnedFingerprint: WRONG };
    expect(await tryLogin({ target: closed, auth: { username: 'x', password: PASSWORD } })).toBe('unreachable');
    const probe = await probeHostKey('127.0.0.1', 1, 1_000);
    expect(probe.ok).toBe(false);
  });
});
