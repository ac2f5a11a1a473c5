import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/core/create-core';
import type { Sender } from '../../../main/ipc/sender';
import { silentLogger } from '../../../main/logging/logger';
import { readKeyFile } from '../../../main/vault/keys/key-file';
import { useTempDirs } from '../../support/temp-dir';
import { absentKeyStore } from '../../support/test-core';

const WINDOW: Sender = { kind: 'electron', webContentsId: 1, frameUrl: 'app://pamdesk/' };
const CLI: Sender = { kind: 'cli' };
const ADMIN = { username: 'admin', passphrase: 'rotation alone passphrase' };

const tempDir = useTempDirs();
const open: Core[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
});

const core = (dataDir: string, shell: 'desktop' | 'cli') => {
  const made = createCore({ dataDir, shell, isTrustedSender: () => true, logger: silentLogger, keyStore: absentKeyStore });
  open.push(made);
  return made;
};

describe('a key rotation runs only while no other pamdesk process has the vault open', () => {
  it('is refused with words to act on while the CLI has it open, changes nothing, and goes through once the CLI closes', async () => {
    const dataDir = tempDir();
    const desktop = core(dataDir, 'desktop');
    expect(await desktop.router.handle(WINDOW, 'vault.create', ADMIN)).toMatchObject({ ok: true });
    const cli = core(dataDir, 'cli');
    expect(await cli.router.handle(CLI, 'session.unlock', ADMIN)).toMatchObject({ ok: true });
    const generation = async () => Math.max(...(await readKeyFile(dataDir)).slots.flatMap((slot) => (slot.envelopes ?? []).map((e) => e.generation)));
    const before = await generation();
    expect(Number.isFinite(before)).toBe(true);

    const refused = await desktop.router.handle(WINDOW, 'vault.rotateKeys', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(JSON.stringify(refused)).toMatch(/Another pamdesk process .* has this vault open.*close it, then rotate the keys again/);
    expect(await generation()).toBe(before);
    // Both go on working on the one file: a write by either is seen by the other.
    expect(await cli.router.handle(CLI, 'domain.add', { name: 'cli.example' })).toMatchObject({ ok: true });
    expect(JSON.stringify(await desktop.router.handle(WINDOW, 'domain.list', {}))).toContain('cli.example');

    await cli.close();
    const rotated = await desktop.router.handle(WINDOW, 'vault.rotateKeys', {});
    expect(rotated).toMatchObject({ ok: true });
    expect(await generation()).toBe(before + 1);
    expect(JSON.stringify(await desktop.router.handle(WINDOW, 'domain.list', {}))).toContain('cli.example');
    // And the CLI opens the rotated vault afterwards.
    const again = core(dataDir, 'cli');
    expect(await again.router.handle(CLI, 'session.unlock', ADMIN)).toMatchObject({ ok: true });
  });
});
