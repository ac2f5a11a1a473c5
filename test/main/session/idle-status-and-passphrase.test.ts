import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core/create-core';
import { readKeyFile } from '../../../main/vault/keys/key-file';
import { useTempDirs } from '../../support/temp-dir';
import { testCore, WINDOW_A, WINDOW_B } from '../../support/test-core';

const tempDir = useTempDirs();
const open: Core[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
});

const ADMIN = { username: 'admin', passphrase: 'admin passphrase for idle tests' };
const OLGA = { username: 'olga', passphrase: 'operator passphrase 1' };

async function twoUsers(now?: () => Date) {
  const dir = tempDir();
  const core = testCore(dir, now ? { now } : {});
  open.push(core);
  expect(await core.call(WINDOW_A, 'vault.create', ADMIN)).toMatchObject({ ok: true });
  expect(await core.call(WINDOW_A, 'user.add', { ...OLGA, role: 'operator' })).toMatchObject({ ok: true });
  expect(await core.call(WINDOW_B, 'session.unlock', OLGA)).toMatchObject({ ok: true });
  return { core, dir };
}

describe('session.idleStatus', () => {
  it("counts down each caller's own idle time; asking is not activity, touch resets it, 0 turns it off", async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const { core } = await twoUsers(() => new Date(clock));
    expect(await core.call(WINDOW_B, 'session.idleStatus', {})).toEqual({ ok: true, value: { lockInMs: 5 * 60_000, idleLockMinutes: 5 } });

    clock += 4 * 60_000;
    await core.call(WINDOW_A, 'session.touch', {});
    expect(await core.call(WINDOW_B, 'session.idleStatus', {})).toMatchObject({ ok: true, value: { lockInMs: 60_000 } });
    expect(await core.call(WINDOW_B, 'session.idleStatus', {})).toMatchObject({ ok: true, value: { lockInMs: 60_000 } });
    expect(await core.call(WINDOW_A, 'session.idleStatus', {})).toMatchObject({ ok: true, value: { lockInMs: 5 * 60_000 } });

    await core.call(WINDOW_B, 'session.touch', {});
    expect(await core.call(WINDOW_B, 'session.idleStatus', {})).toMatchObject({ ok: true, value: { lockInMs: 5 * 60_000 } });

    expect(await core.call(WINDOW_A, 'settings.update', { idleLockMinutes: 0 })).toMatchObject({ ok: true });
    expect(await core.call(WINDOW_B, 'session.idleStatus', {})).toEqual({ ok: true, value: { lockInMs: null, idleLockMinutes: 0 } });
  });

  it('needs a session', async () => {
    const { core } = await twoUsers();
    await core.call(WINDOW_B, 'session.lock', {});
    expect(await core.call(WINDOW_B, 'session.idleStatus', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('session.changePassphrase (own passphrase)', () => {
  it('refuses a wrong current passphrase and a weak new one with words to act on, and changes nothing', async () => {
    const { core } = await twoUsers();
    expect(await core.call(WINDOW_B, 'session.changePassphrase', { current: 'not my passphrase', next: 'a long new passphrase' })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
    // On the trail, signed by the session's user, saying why; the passphrase tried is not in it.
    const failed = await core.sessions.vault().database.db.selectFrom('audit_log').select(['actor', 'signer', 'details']).where('action', '=', 'session.change_passphrase_failed').execute();
    expect(failed).toEqual([{ actor: 'olga', signer: 'olga', details: JSON.stringify({ reason: 'wrong current passphrase' }) }]);
    expect(JSON.stringify(failed)).not.toContain('not my passphrase');
    const weak = await core.call(WINDOW_B, 'session.changePassphrase', { current: OLGA.passphrase, next: 'short' });
    expect(weak).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(JSON.stringify(weak)).toMatch(/at least 12 characters/);
    await core.call(WINDOW_B, 'session.lock', {});
    expect(await core.call(WINDOW_B, 'session.unlock', OLGA)).toMatchObject({ ok: true });
  });

  it("re-seals only the caller's slot, keeps their audit-signing key, and the trail still verifies", async () => {
    const { core, dir } = await twoUsers();
    const before = await readKeyFile(dir);
    const NEXT = 'olga has a brand new passphrase';
    expect(await core.call(WINDOW_B, 'session.changePassphrase', { current: OLGA.passphrase, next: NEXT })).toEqual({ ok: true, value: null });
    const after = await readKeyFile(dir);
    const changed = after.slots.filter((slot, i) => JSON.stringify(slot) !== JSON.stringify(before.slots[i]));
    expect(changed).toHaveLength(1);
    const [olgaSlot] = changed;
    const olgaBefore = before.slots.find((slot) => slot.slotId === olgaSlot?.slotId);
    expect(olgaSlot?.signingKey?.publicKey).toBe(olgaBefore?.signingKey?.publicKey);
    expect(olgaSlot?.signingKey?.wrappedPrivateKey).not.toBe(olgaBefore?.signingKey?.wrappedPrivateKey);
    expect(await core.call(WINDOW_B, 'session.current', {})).toMatchObject({ ok: true, value: { username: 'olga', rememberedOnDevice: false } });

    // Still signed in; entries she writes now, and after signing in with the new passphrase, are signed with the same key.
    await core.call(WINDOW_B, 'session.lock', {});
    expect(await core.call(WINDOW_B, 'session.unlock', OLGA)).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
    expect(await core.call(WINDOW_B, 'session.unlock', { username: 'olga', passphrase: NEXT })).toMatchObject({ ok: true });
    const db = core.sessions.vault().database.db;
    const changeEntry = await db.selectFrom('audit_log').select(['actor', 'signer']).where('action', '=', 'session.change_passphrase').executeTakeFirstOrThrow();
    expect(changeEntry).toEqual({ actor: 'olga', signer: 'olga' });
    expect(await core.call(WINDOW_A, 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
  });
});
