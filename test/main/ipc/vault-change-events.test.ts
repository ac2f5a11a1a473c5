import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/core/create-core';
import type { Sender } from '../../../main/ipc/sender';
import { silentLogger } from '../../../main/logging/logger';
import type { EventName } from '../../../shared/contract/events';
import { useTempDirs } from '../../support/temp-dir';
import { absentKeyStore } from '../../support/test-core';

const windowOf = (id: number): Sender => ({ kind: 'electron', webContentsId: id, frameUrl: 'app://pamdesk/' });
const [ADMIN_WINDOW, APPROVER_WINDOW, AUDITOR_WINDOW, LOCKED_WINDOW] = [windowOf(1), windowOf(2), windowOf(3), windowOf(4)];
const PASSPHRASE = 'change events passphrase';

const tempDir = useTempDirs();
const open: Core[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
});

async function ok(core: Core, sender: Sender, channel: string, payload: unknown): Promise<unknown> {
  const result = await core.router.handle(sender, channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** Three people signed in to one core, in three windows, and a fourth window nobody signed in to. */
async function threeUsers(): Promise<{ core: Core; heard: { name: EventName; payload: unknown }[] }> {
  const core = createCore({ dataDir: tempDir(), shell: 'desktop', isTrustedSender: (s) => s.kind === 'electron', logger: silentLogger, keyStore: absentKeyStore });
  open.push(core);
  await ok(core, ADMIN_WINDOW, 'vault.create', { username: 'admin', passphrase: PASSPHRASE });
  await ok(core, ADMIN_WINDOW, 'user.add', { username: 'abe', role: 'approver', passphrase: PASSPHRASE });
  await ok(core, ADMIN_WINDOW, 'user.add', { username: 'aud', role: 'auditor', passphrase: PASSPHRASE });
  await ok(core, APPROVER_WINDOW, 'session.unlock', { username: 'abe', passphrase: PASSPHRASE });
  await ok(core, AUDITOR_WINDOW, 'session.unlock', { username: 'aud', passphrase: PASSPHRASE });
  const heard: { name: EventName; payload: unknown }[] = [];
  // Let the sign-ins' own events pass before listening.
  await new Promise((resolve) => setTimeout(resolve, 120));
  core.events.subscribe((name, payload) => heard.push({ name, payload }));
  return { core, heard };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 120));

describe('vault.changed: one event per burst of audited writes, trimmed to what each recipient may read', () => {
  it('tells each signed-in window which kinds changed, without values, and nothing to a window without a session', async () => {
    const { core, heard } = await threeUsers();
    await ok(core, ADMIN_WINDOW, 'domain.add', { name: 'corp.example' });
    await settle();
    const changes = heard.filter((event) => event.name === 'vault.changed');
    expect(changes).toHaveLength(1);
    const payload = changes[0]?.payload as { kinds: string[] };
    // Kinds only: no hostname, no id, no actor.
    expect(payload).toEqual({ kinds: ['credential', 'device', 'audit'] });
    expect(JSON.stringify(payload)).not.toContain('corp.example');

    expect(core.eventFor(ADMIN_WINDOW, 'vault.changed', payload as never)).toEqual({ kinds: ['credential', 'device', 'audit'] });
    // An approver cannot read the audit trail: they do not learn that it moved.
    expect(core.eventFor(APPROVER_WINDOW, 'vault.changed', payload as never)).toEqual({ kinds: ['credential', 'device'] });
    expect(core.eventFor(AUDITOR_WINDOW, 'vault.changed', payload as never)).toEqual({ kinds: ['credential', 'device', 'audit'] });
    expect(core.eventFor(LOCKED_WINDOW, 'vault.changed', payload as never)).toBeUndefined();
  });

  it('sends nothing to a role that can read none of the kinds, and keeps lock and status events public', async () => {
    const { core, heard } = await threeUsers();
    // An export changes only the trail (its own entry): the approver hears nothing, the auditor hears "audit".
    await ok(core, ADMIN_WINDOW, 'audit.export', { format: 'json', filters: {} });
    await settle();
    const change = heard.find((event) => event.name === 'vault.changed');
    expect(change?.payload).toEqual({ kinds: ['audit'] });
    expect(core.eventFor(APPROVER_WINDOW, 'vault.changed', { kinds: ['audit'] })).toBeUndefined();
    expect(core.eventFor(AUDITOR_WINDOW, 'vault.changed', { kinds: ['audit'] })).toEqual({ kinds: ['audit'] });
    expect(core.eventFor(APPROVER_WINDOW, 'vault.changed', { kinds: ['user'] })).toBeUndefined();
    expect(core.eventFor(LOCKED_WINDOW, 'session.ended', { reason: 'manual' })).toEqual({ reason: 'manual' });
    expect(core.eventFor(LOCKED_WINDOW, 'operation.changed', { id: 1, code: 'OP-000001', credentialId: 1, state: 'Running', message: null })).toBeUndefined();
    expect(core.eventFor(APPROVER_WINDOW, 'operation.changed', { id: 1, code: 'OP-000001', credentialId: 1, state: 'Running', message: null })).toBeDefined();
  });

  it('coalesces an import of many rows into one event', async () => {
    const { core, heard } = await threeUsers();
    const rows = Array.from({ length: 50 }, (_, i) => `id-${i},user${i},srv01,10.0.0.1\r\n`).join('');
    const preview = (await ok(core, ADMIN_WINDOW, 'import.preview', { format: 'pamdesk', csvText: `identifier,username,hostname,ip\r\n${rows}` })) as { token: string | null; errors: unknown[] };
    expect(preview.errors).toEqual([]);
    heard.length = 0;
    await ok(core, ADMIN_WINDOW, 'import.commit', { token: String(preview.token) });
    await settle();
    const changes = heard.filter((event) => event.name === 'vault.changed');
    expect(changes).toHaveLength(1);
    expect(changes.flatMap((event) => (event.payload as { kinds: string[] }).kinds)).toEqual(expect.arrayContaining(['credential', 'device', 'audit']));
  });
});
