import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/core/create-core';
import type { Sender } from '../../../main/ipc/sender';
import { silentLogger } from '../../../main/logging/logger';
import type { ChannelName, ChannelRequest, ChannelResponse } from '../../../shared/contract/channels';
import { cutTailAndFixHead, deleteEntryAndRechain, entryIdOf, withSlotDatabase } from '../../support/audit-attacks';
import { useTempDirs } from '../../support/temp-dir';
import { absentKeyStore } from '../../support/test-core';

const tempDir = useTempDirs();
const PASSPHRASE = 'tamper test passphrase';
const WINDOWS = { admin: 1, olga: 2, audrey: 3 } as const;
type Person = keyof typeof WINDOWS;
const windowOf = (person: Person): Sender => ({ kind: 'electron', webContentsId: WINDOWS[person], frameUrl: 'app://pamdesk/' });

const open: Core[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
});

/** A real vault: an administrator, an operator (olga, the insider) and an auditor, each at their own window. */
async function world() {
  const dir = tempDir();
  const core = createCore({ dataDir: dir, shell: 'desktop', isTrustedSender: (s) => s.kind === 'electron' && Object.values(WINDOWS).includes(s.webContentsId as 1), logger: silentLogger, keyStore: absentKeyStore });
  open.push(core);
  const call = async <C extends ChannelName>(person: Person, channel: C, payload: ChannelRequest<C>): Promise<ChannelResponse<C>> => {
    const result = await core.router.handle(windowOf(person), channel, payload);
    if (!result.ok) throw new Error(`${person} ${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as ChannelResponse<C>;
  };
  await call('admin', 'vault.create', { username: 'admin', passphrase: PASSPHRASE });
  await call('admin', 'user.add', { username: 'olga', role: 'operator', passphrase: PASSPHRASE });
  await call('admin', 'user.add', { username: 'audrey', role: 'auditor', passphrase: PASSPHRASE });
  await call('olga', 'session.unlock', { username: 'olga', passphrase: PASSPHRASE });
  await call('audrey', 'session.unlock', { username: 'audrey', passphrase: PASSPHRASE });
  await call('admin', 'domain.add', { name: 'corp.example' });
  await call('admin', 'device.upsert', { hostname: 'srv01', ip: '10.0.0.1' });
  await call('olga', 'session.signOut', {});
  await call('olga', 'session.unlock', { username: 'olga', passphrase: PASSPHRASE });
  return { dir, core, call };
}

describe('audit.verify against an insider holding one slot', () => {
  it('reports the rewrite: triggers dropped, an entry deleted, the SHA-256 chain and head recomputed, triggers restored', async () => {
    const w = await world();
    expect(await w.call('audrey', 'audit.verify', {})).toMatchObject({ ok: true });
    let deleted = 0;
    // olga, an operator, removes the administrator's device change with the database key her own slot yields.
    await withSlotDatabase(w.dir, 'olga', PASSPHRASE, (driver) => {
      deleted = entryIdOf(driver, 'device.create');
      deleteEntryAndRechain(driver, deleted);
    });
    const verdict = await w.call('audrey', 'audit.verify', {});
    expect(verdict).toMatchObject({ ok: false, kind: 'rewritten', firstBrokenId: deleted, count: deleted - 1 });
    expect(verdict.ok ? '' : verdict.reason).toMatch(new RegExp(`^The audit trail was rewritten: the signature of entry ${deleted} does not verify with \\w+'s key.*Keep the vault files as they are`));
  });

  it('reports a truncation through the head the auditor witnessed, though chain and database head agree', async () => {
    const w = await world();
    const seen = await w.call('audrey', 'audit.verify', {});
    if (!seen.ok) throw new Error('an intact trail was expected first');
    await withSlotDatabase(w.dir, 'olga', PASSPHRASE, (driver) => {
      cutTailAndFixHead(driver, 3);
    });
    const verdict = await w.call('audrey', 'audit.verify', {});
    expect(verdict).toMatchObject({ ok: false, kind: 'truncated', firstBrokenId: seen.count - 2, count: seen.count - 3 });
    expect(verdict.ok ? '' : verdict.reason).toMatch(new RegExp(`a user saw the trail reach entry ${seen.count} .*entries ${seen.count - 2}..${seen.count} were removed`));
  });

  it('witnesses the head at sign-out too, so a cut made while nobody verified still shows', async () => {
    const w = await world();
    await w.call('olga', 'session.signOut', {});
    const olgaLeftAt = (await w.call('audrey', 'audit.list', { limit: 1 }))[0]?.id ?? 0;
    await withSlotDatabase(w.dir, 'audrey', PASSPHRASE, (driver) => {
      cutTailAndFixHead(driver, 2);
    });
    const verdict = await w.call('audrey', 'audit.verify', {});
    expect(verdict).toMatchObject({ ok: false, kind: 'truncated', firstBrokenId: olgaLeftAt - 1 });
  });
});
