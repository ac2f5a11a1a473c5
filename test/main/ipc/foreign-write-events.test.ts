import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/core/create-core';
import { FOREIGN_WRITE_POLL_MS } from '../../../main/ipc/foreign-write-watch';
import type { Sender } from '../../../main/ipc/sender';
import { silentLogger } from '../../../main/logging/logger';
import type { EventName } from '../../../shared/contract/events';
import { useTempDirs } from '../../support/temp-dir';
import { absentKeyStore } from '../../support/test-core';

const WINDOW: Sender = { kind: 'electron', webContentsId: 1, frameUrl: 'app://pamdesk/' };
const CLI: Sender = { kind: 'cli' };
const ADMIN = { username: 'admin', passphrase: 'foreign writes passphrase' };

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

const changesHeard = (heard: { name: EventName; payload: unknown }[]) => heard.filter((e) => e.name === 'vault.changed').map((e) => (e.payload as { kinds: string[] }).kinds);

/** The desktop app with its vault open, and the CLI opening the same vault beside it (another connection, as another process has). */
async function desktopAndCli(): Promise<{ desktop: Core; cli: Core; heard: { name: EventName; payload: unknown }[] }> {
  const dataDir = tempDir();
  const desktop = createCore({ dataDir, shell: 'desktop', isTrustedSender: (s) => s.kind === 'electron', logger: silentLogger, keyStore: absentKeyStore });
  open.push(desktop);
  await ok(desktop, WINDOW, 'vault.create', ADMIN);
  const cli = createCore({ dataDir, shell: 'cli', isTrustedSender: () => true, logger: silentLogger, keyStore: absentKeyStore });
  open.push(cli);
  await ok(cli, CLI, 'session.unlock', ADMIN);
  await new Promise((resolve) => setTimeout(resolve, FOREIGN_WRITE_POLL_MS + 200));
  const heard: { name: EventName; payload: unknown }[] = [];
  desktop.events.subscribe((name, payload) => heard.push({ name, payload }));
  return { desktop, cli, heard };
}

describe("another process's writes reach this process's windows", () => {
  it('a credential added through the CLI is told to the desktop windows within about a second, by kind only', async () => {
    const { cli, heard } = await desktopAndCli();
    await ok(cli, CLI, 'device.upsert', { hostname: 'srv-cli', ip: '10.9.9.9' });
    await ok(cli, CLI, 'credential.upsert', { identifier: 'cli-made', username: 'root', hostname: 'srv-cli', ip: '10.9.9.9', content: 'made by the cli 1' });
    const deadline = Date.now() + FOREIGN_WRITE_POLL_MS * 3 + 500;
    while (changesHeard(heard).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    // The two writes may fall into one look or two: together they name these kinds.
    await new Promise((resolve) => setTimeout(resolve, FOREIGN_WRITE_POLL_MS + 200));
    const changes = changesHeard(heard);
    expect(changes.length).toBeGreaterThanOrEqual(1);
    expect(changes.flat()).toEqual(expect.arrayContaining(['credential', 'device', 'audit']));
    expect(JSON.stringify(heard)).not.toMatch(/cli-made|srv-cli|made by the cli/);
  });

  it("the desktop's own writes are told once, not again by the watch", async () => {
    const { desktop, heard } = await desktopAndCli();
    await ok(desktop, WINDOW, 'domain.add', { name: 'own.example' });
    await new Promise((resolve) => setTimeout(resolve, FOREIGN_WRITE_POLL_MS * 2 + 200));
    expect(changesHeard(heard)).toEqual([['credential', 'device', 'audit']]);
  });

  it('stops watching when the vault locks: no event after the lock, however the other process writes', async () => {
    const { desktop, cli, heard } = await desktopAndCli();
    await ok(desktop, WINDOW, 'session.lock', {});
    // The lock's own entries are told before the vault closes; what comes after is the question.
    await new Promise((resolve) => setTimeout(resolve, 300));
    heard.length = 0;
    await ok(cli, CLI, 'domain.add', { name: 'after-lock.example' });
    await new Promise((resolve) => setTimeout(resolve, FOREIGN_WRITE_POLL_MS * 2 + 200));
    expect(changesHeard(heard)).toEqual([]);
  });
});
