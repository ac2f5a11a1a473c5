import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core/create-core';
import { useTempDirs } from '../../support/temp-dir';
import { testCore, WINDOW_A, WINDOW_B } from '../../support/test-core';

const tempDir = useTempDirs();
const open: Core[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
});

const ADMIN = { username: 'admin', passphrase: 'admin passphrase for ipc tests' };
const SECRET = 'Hunter2-root-pw-7f3a9c';

async function adminCore(options: Parameters<typeof testCore>[1] = {}) {
  const dir = tempDir();
  const core = testCore(dir, options);
  open.push(core);
  expect(await core.call(WINDOW_A, 'vault.create', ADMIN)).toMatchObject({ ok: true, value: { username: 'admin', role: 'administrator' } });
  return { core, dir };
}

describe('vault over IPC', () => {
  it('binds a session to the window that signed in; another window has none', async () => {
    const { core } = await adminCore();
    expect(core.status().vault).toBe('unlocked');
    expect(await core.call(WINDOW_A, 'session.current', {})).toMatchObject({ ok: true, value: { username: 'admin' } });
    expect(await core.call(WINDOW_B, 'session.current', {})).toEqual({ ok: true, value: null });
    expect(await core.call(WINDOW_B, 'domain.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it("refuses an operator the administrator's actions, and a wrong passphrase", async () => {
    const { core } = await adminCore();
    expect(await core.call(WINDOW_A, 'user.add', { username: 'olga', role: 'operator', passphrase: 'operator passphrase 1' })).toMatchObject({ ok: true });
    expect(await core.call(WINDOW_B, 'session.unlock', { username: 'olga', passphrase: 'wrong passphrase!' })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
    expect(await core.call(WINDOW_B, 'session.unlock', { username: 'olga', passphrase: 'operator passphrase 1' })).toMatchObject({ ok: true, value: { role: 'operator' } });
    expect(await core.call(WINDOW_B, 'domain.add', { name: 'x.example' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call(WINDOW_B, 'user.add', { username: 'm', role: 'administrator', passphrase: 'mallory passphrase' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call(WINDOW_B, 'audit.verify', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // ...while the operator's own work goes through.
    expect(await core.call(WINDOW_B, 'credential.query', {})).toMatchObject({ ok: true });
  });

  it('locking the last session drops the keys: every window told, sessions gone', async () => {
    const { core } = await adminCore();
    const events: string[] = [];
    core.events.subscribe((name, payload) => events.push(`${name}:${JSON.stringify(payload)}`));
    expect(await core.call(WINDOW_A, 'session.lock', {})).toEqual({ ok: true, value: null });
    expect(core.status().vault).toBe('locked');
    expect(events).toContain('vault.locked:{"reason":"manual"}');
    expect(await core.call(WINDOW_A, 'session.current', {})).toEqual({ ok: true, value: null });
    expect(await core.call(WINDOW_A, 'credential.query', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(() => core.sessions.vault()).toThrow(/locked/);
    expect(await core.call(WINDOW_A, 'session.unlock', ADMIN)).toMatchObject({ ok: true });
  });

  it('locks after the idle time with no activity, and not before', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const { core } = await adminCore({ now: () => new Date(clock) });
    clock += 4 * 60_000;
    await core.call(WINDOW_A, 'session.touch', {});
    clock += 4 * 60_000;
    await core.sessions.lockIfIdle();
    expect(core.status().vault).toBe('unlocked');
    clock += 60_000 + 1;
    await core.sessions.lockIfIdle();
    expect(core.status().vault).toBe('locked');
  });

  it('refuses "remember on this device" without a keychain, and unlocks nothing', async () => {
    const { core } = await adminCore();
    await core.call(WINDOW_A, 'session.lock', {});
    const refused = await core.call(WINDOW_A, 'session.unlock', { ...ADMIN, remember: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'KEYSTORE_UNAVAILABLE' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/no Secret Service/);
    expect(core.status().vault).toBe('locked');
  });

  it("leaves no credential's hostname, username or password in plaintext on disk", async () => {
    const { core, dir } = await adminCore();
    expect(await core.call(WINDOW_A, 'device.upsert', { hostname: 'db-primary-zeta.internal', ip: '10.77.1.9' })).toMatchObject({ ok: true });
    const upsert = await core.call(WINDOW_A, 'credential.upsert', { username: 'svc_backup_omega', hostname: 'db-primary-zeta.internal', ip: '10.77.1.9', content: SECRET });
    expect(upsert).toMatchObject({ ok: true, value: { code: 201 } });
    const check = () => {
      for (const file of readdirSync(dir)) {
        const bytes = readFileSync(join(dir, file));
        for (const needle of ['db-primary-zeta', 'svc_backup_omega', SECRET, ADMIN.passphrase]) {
          expect(bytes.includes(Buffer.from(needle, 'utf8')), `${needle} in ${file}`).toBe(false);
          expect(bytes.includes(Buffer.from(needle, 'utf16le')), `${needle} (UTF-16) in ${file}`).toBe(false);
        }
      }
    };
    check(); // open, with the WAL live
    await core.call(WINDOW_A, 'session.lock', {});
    check(); // closed
  });

  it('audits sign-in, failed unlocks (written at the next unlock) and reveals, never with the secret', async () => {
    const { core } = await adminCore();
    await core.call(WINDOW_A, 'device.upsert', { hostname: 'h1', ip: '10.0.0.1' });
    await core.call(WINDOW_A, 'credential.upsert', { username: 'root', hostname: 'h1', ip: '10.0.0.1', content: SECRET, identifier: 'h1-root' });
    const credential = await core.call(WINDOW_A, 'credential.get', { ref: 'h1-root' });
    expect(credential.ok).toBe(true);
    if (!credential.ok) return;
    expect(JSON.stringify(credential.value)).not.toContain(SECRET);
    expect(await core.call(WINDOW_A, 'credential.reveal', { id: (credential.value as { id: number }).id, purpose: 'view' })).toMatchObject({ ok: true, value: { secret: SECRET, clipboardClearSeconds: 30 } });
    await core.call(WINDOW_A, 'session.lock', {});
    await core.call(WINDOW_A, 'session.unlock', { username: 'admin', passphrase: 'a wrong guess' });
    await core.call(WINDOW_A, 'session.unlock', ADMIN);
    const trail = await core.call(WINDOW_A, 'audit.list', {});
    expect(trail.ok).toBe(true);
    if (!trail.ok) return;
    const actions = (trail.value as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['session.sign_in', 'credential.reveal', 'vault.lock', 'session.unlock_failed', 'credential.create']));
    expect(JSON.stringify(trail.value)).not.toContain(SECRET);
    expect(await core.call(WINDOW_A, 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
  });
});
