import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/core/create-core';
import type { Sender } from '../../../main/ipc/sender';
import { silentLogger } from '../../../main/logging/logger';
import { useTempDirs } from '../../support/temp-dir';
import { absentKeyStore } from '../../support/test-core';

const windowOf = (id: number): Sender => ({ kind: 'electron', webContentsId: id, frameUrl: 'app://pamdesk/' });
const [WINDOW_A, WINDOW_B, WINDOW_C] = [windowOf(1), windowOf(2), windowOf(3)];

const tempDir = useTempDirs();
const PASSPHRASE = 'signing sessions passphrase';
const open: Core[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
});

async function ok(core: Core, sender: Sender, ...args: Parameters<Core['router']['handle']> extends [Sender, ...infer R] ? R : never) {
  const result = await core.router.handle(sender, ...args);
  if (!result.ok) throw new Error(`${args[0]}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

describe('signing keys follow the sessions', () => {
  it("keeps a user's key while another of their windows is signed in, drops a leaving user's key, and keeps the opener's for system entries", async () => {
    const core = createCore({ dataDir: tempDir(), shell: 'desktop', isTrustedSender: (s) => s.kind === 'electron' && [1, 2, 3].includes(s.webContentsId), logger: silentLogger, keyStore: absentKeyStore });
    open.push(core);
    await ok(core, WINDOW_A, 'vault.create', { username: 'admin', passphrase: PASSPHRASE });
    await ok(core, WINDOW_A, 'user.add', { username: 'olga', role: 'operator', passphrase: PASSPHRASE });
    await ok(core, WINDOW_B, 'session.unlock', { username: 'olga', passphrase: PASSPHRASE });
    const signers = core.sessions.vault().signers;
    expect(signers.has('olga')).toBe(true);
    await ok(core, WINDOW_B, 'session.signOut', {});
    expect(signers.has('olga')).toBe(false);

    // olga in two windows: leaving one keeps her key for the other.
    await ok(core, WINDOW_B, 'session.unlock', { username: 'olga', passphrase: PASSPHRASE });
    await ok(core, WINDOW_C, 'session.unlock', { username: 'olga', passphrase: PASSPHRASE });
    await ok(core, WINDOW_C, 'session.signOut', {});
    expect(signers.has('olga')).toBe(true);
    await ok(core, WINDOW_B, 'session.forgetDevice', {});
    await ok(core, WINDOW_A, 'domain.add', { name: 'corp.example' });
    const db = core.sessions.vault().database.db;
    const rows = await db.selectFrom('audit_log').select(['actor', 'action', 'signer']).orderBy('id').execute();
    expect(rows.find((r) => r.action === 'domain.create')).toMatchObject({ actor: 'admin', signer: 'admin' });
    expect(rows.filter((r) => r.actor === 'olga').map((r) => [r.action, r.signer])).toEqual([
      ['user.signing_key_create', 'olga'],
      ['session.sign_in', 'olga'],
      ['session.sign_out', 'olga'],
      ['session.sign_in', 'olga'],
      ['session.sign_in', 'olga'],
      ['session.sign_out', 'olga'],
      ['session.forget_device', 'olga'],
    ]);
    expect(rows.filter((r) => r.actor === 'system').every((r) => r.signer === 'admin')).toBe(true);
    expect(rows.every((r) => r.signer !== null)).toBe(true);
    // Two signers (admin, also for 'system', and olga): each one's newest signature vouches for the rest.
    expect(await ok(core, WINDOW_A, 'audit.verify', {})).toEqual({ ok: true, count: rows.length, signatures: { mode: 'newest-per-signer', checked: 2 } });
    expect(await ok(core, WINDOW_A, 'audit.verify', { everySignature: true })).toEqual({ ok: true, count: rows.length, signatures: { mode: 'every', checked: rows.length } });
  });
});
