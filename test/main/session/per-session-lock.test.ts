import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core/create-core';
import { useTempDirs } from '../../support/temp-dir';
import { testCore, WINDOW_A, WINDOW_B } from '../../support/test-core';

const tempDir = useTempDirs();
const open: Core[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
});

const ADMIN = { username: 'admin', passphrase: 'admin passphrase for lock tests' };
const OLGA = { username: 'olga', passphrase: 'operator passphrase 1' };

/** An administrator in window A and an operator in window B, on one vault. */
async function twoUsers(options: Parameters<typeof testCore>[1] = {}) {
  const core = testCore(tempDir(), options);
  open.push(core);
  expect(await core.call(WINDOW_A, 'vault.create', ADMIN)).toMatchObject({ ok: true });
  expect(await core.call(WINDOW_A, 'user.add', { ...OLGA, role: 'operator' })).toMatchObject({ ok: true });
  expect(await core.call(WINDOW_B, 'session.unlock', OLGA)).toMatchObject({ ok: true });
  const events: string[] = [];
  core.events.subscribe((name, payload) => events.push(`${name}:${JSON.stringify(payload)}`));
  return { core, events };
}

describe('Lock', () => {
  it("ends the caller's own session only: the other user stays signed in and the vault open", async () => {
    const { core, events } = await twoUsers();
    expect(await core.call(WINDOW_B, 'session.lock', {})).toEqual({ ok: true, value: null });
    expect(await core.call(WINDOW_B, 'session.current', {})).toEqual({ ok: true, value: null });
    expect(await core.call(WINDOW_B, 'credential.query', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(core.status().vault).toBe('unlocked');
    expect(await core.call(WINDOW_A, 'session.current', {})).toMatchObject({ ok: true, value: { username: 'admin' } });
    expect(await core.call(WINDOW_A, 'credential.query', {})).toMatchObject({ ok: true });
    expect(events).toContain('session.ended:{"reason":"manual"}');
    expect(events.some((e) => e.startsWith('vault.locked'))).toBe(false);

    // The last session's Lock drops the keys.
    expect(await core.call(WINDOW_A, 'session.lock', {})).toEqual({ ok: true, value: null });
    expect(core.status().vault).toBe('locked');
    expect(events).toContain('vault.locked:{"reason":"manual"}');
  });

  it('is audited per user, and the key drop once', async () => {
    const { core } = await twoUsers();
    await core.call(WINDOW_B, 'session.lock', {});
    const db = core.sessions.vault().database.db;
    const entries = await db.selectFrom('audit_log').select(['actor', 'action', 'details']).where('action', 'in', ['session.lock', 'vault.lock']).execute();
    expect(entries).toEqual([{ actor: 'olga', action: 'session.lock', details: JSON.stringify({ reason: 'manual' }) }]);
  });
});

describe('idle lock', () => {
  it("ends only the idle user's session; the active one keeps the vault open until idle too", async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const { core, events } = await twoUsers({ now: () => new Date(clock) });
    clock += 4 * 60_000;
    await core.call(WINDOW_A, 'session.touch', {});
    clock += 60_000 + 1;
    await core.sessions.lockIfIdle();
    expect(await core.call(WINDOW_B, 'session.current', {})).toEqual({ ok: true, value: null });
    expect(await core.call(WINDOW_A, 'session.current', {})).toMatchObject({ ok: true, value: { username: 'admin' } });
    expect(core.status().vault).toBe('unlocked');
    expect(events).toContain('session.ended:{"reason":"idle"}');

    clock += 4 * 60_000;
    await core.sessions.lockIfIdle();
    expect(core.status().vault).toBe('locked');
    expect(events).toContain('vault.locked:{"reason":"idle"}');
  });
});
