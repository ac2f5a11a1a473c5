import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core/create-core';
import type { OpenVault } from '../../../main/vault/open-vault';
import { useTempDirs } from '../../support/temp-dir';
import { testCore, WINDOW_A, WINDOW_B } from '../../support/test-core';

const tempDir = useTempDirs();
const open: Core[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
});

const ADMIN = { username: 'admin', passphrase: 'admin passphrase for key tests' };
const OLGA = { username: 'olga', passphrase: 'operator passphrase 1' };
const ROW = { table: 'credentials', column: 'content', rowId: '1' } as const;

/** The key buffers the open vault owns (its current generation): the same objects lock() must zero. */
function keyBuffers(vault: OpenVault) {
  const { masterKey, secretsKey } = vault.keys.current;
  if (secretsKey === null) throw new Error('an administrator and an operator are signed in: the secrets key must be held');
  return { masterKey, secretsKey };
}
const zeroed = (buffer: Buffer) => buffer.length === 32 && buffer.every((byte) => byte === 0);

async function twoUsers(now?: () => Date) {
  const core = testCore(tempDir(), now ? { now } : {});
  open.push(core);
  expect(await core.call(WINDOW_A, 'vault.create', ADMIN)).toMatchObject({ ok: true });
  expect(await core.call(WINDOW_A, 'user.add', { ...OLGA, role: 'operator' })).toMatchObject({ ok: true });
  expect(await core.call(WINDOW_B, 'session.unlock', OLGA)).toMatchObject({ ok: true });
  const vault = core.sessions.vault();
  return { core, vault, keys: keyBuffers(vault), sealed: vault.fields.seal('a secret', ROW) };
}

function expectKeysKept(vault: OpenVault, keys: ReturnType<typeof keyBuffers>, sealed: Buffer) {
  expect(zeroed(keys.masterKey) || zeroed(keys.secretsKey)).toBe(false);
  expect(vault.fields.open(sealed, ROW)).toBe('a secret');
}

/** Every key the vault held is zeroed in place, and every way to use one refuses. */
function expectKeysDropped(core: Core, vault: OpenVault, keys: ReturnType<typeof keyBuffers>, sealed: Buffer) {
  expect(core.status().vault).toBe('locked');
  expect(zeroed(keys.masterKey)).toBe(true);
  expect(zeroed(keys.secretsKey)).toBe(true);
  expect(() => vault.keys.current).toThrow();
  expect(() => vault.fields.open(sealed, ROW)).toThrow(/locked/);
  expect(vault.signers.has('admin') || vault.signers.has('olga')).toBe(false);
  expect(() => core.sessions.vault()).toThrow(/locked/);
}

describe("the vault's keys are dropped when the last session ends", () => {
  it('by Lock: kept while another user is signed in, zeroed when the last one locks', async () => {
    const { core, vault, keys, sealed } = await twoUsers();
    await core.call(WINDOW_B, 'session.lock', {});
    expectKeysKept(vault, keys, sealed);
    expect(vault.signers.has('olga')).toBe(false);
    expect(vault.signers.has('admin')).toBe(true);
    await core.call(WINDOW_A, 'session.lock', {});
    expectKeysDropped(core, vault, keys, sealed);
  });

  it('by sign-out of the last user', async () => {
    const { core, vault, keys, sealed } = await twoUsers();
    await core.call(WINDOW_A, 'session.signOut', {});
    expectKeysKept(vault, keys, sealed);
    await core.call(WINDOW_B, 'session.signOut', {});
    expectKeysDropped(core, vault, keys, sealed);
  });

  it('by the idle lock of the last session', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const { core, vault, keys, sealed } = await twoUsers(() => new Date(clock));
    clock += 4 * 60_000;
    await core.call(WINDOW_B, 'session.touch', {});
    clock += 60_000 + 1;
    await core.sessions.lockIfIdle();
    expectKeysKept(vault, keys, sealed);
    clock += 5 * 60_000;
    await core.sessions.lockIfIdle();
    expectKeysDropped(core, vault, keys, sealed);
  });
});
