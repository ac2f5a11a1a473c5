import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../../main/core/create-core';
import { silentLogger } from '../../../main/logging/logger';
import { createSecretClipboard, type SystemClipboard } from '../../../main/security/secret-clipboard';
import { useTempDirs } from '../../support/temp-dir';
import { absentKeyStore, WINDOW_A } from '../../support/test-core';

const tempDir = useTempDirs();
const open: Core[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const core of open.splice(0)) await core.close();
});

/** The OS clipboard as a plain value: there is no display (and so no Electron clipboard) on the test machine. */
function memoryClipboard(): SystemClipboard & { text: string } {
  const board = { text: '', readText: () => board.text, writeText: (text: string) => void (board.text = text) };
  return board;
}

const SECRET = 'Clipboard-root-Pw-4k8';

describe('the secret clipboard in main', () => {
  it('clears after the delay only if it still holds the secret', () => {
    vi.useFakeTimers();
    const board = memoryClipboard();
    const clipboard = createSecretClipboard(board);
    clipboard.copy(SECRET, 30);
    expect(board.text).toBe(SECRET);
    vi.advanceTimersByTime(29_999);
    expect(board.text).toBe(SECRET);
    vi.advanceTimersByTime(1);
    expect(board.text).toBe('');

    clipboard.copy(SECRET, 30);
    board.text = 'something the user copied since';
    vi.advanceTimersByTime(30_000);
    expect(board.text).toBe('something the user copied since');
  });
});

describe('credential.copy', () => {
  async function vaultWithSecret(clipboard?: ReturnType<typeof createSecretClipboard>) {
    const core = createCore({ dataDir: tempDir(), shell: clipboard ? 'desktop' : 'host', isTrustedSender: () => true, logger: silentLogger, keyStore: absentKeyStore, ...(clipboard ? { clipboard } : {}) });
    open.push(core);
    const call = (channel: Parameters<Core['router']['handle']>[1], payload: unknown) => core.router.handle(WINDOW_A, channel, payload);
    expect(await call('vault.create', { username: 'admin', passphrase: 'admin passphrase for copy' })).toMatchObject({ ok: true });
    expect(await call('domain.add', { name: 'corp.example' })).toMatchObject({ ok: true });
    expect(await call('device.upsert', { hostname: 'srv01', ip: '10.0.0.5', type: 'Linux', device_domain: 'corp.example', connectivities: 'SSH:22' })).toMatchObject({ ok: true });
    const created = await call('credential.upsert', { username: 'root', hostname: 'srv01', ip: '10.0.0.5', content: SECRET, identifier: 'srv01-root' });
    const id = Number((created as { value?: { credential?: { id: number | string } } }).value?.credential?.id);
    expect(id, JSON.stringify(created)).toBeGreaterThan(0);
    return { core, call, id };
  }

  it('in the desktop app writes the OS clipboard in main, never returns the secret, and clears it on lock', async () => {
    const board = memoryClipboard();
    const { core, call, id } = await vaultWithSecret(createSecretClipboard(board));
    const copied = await call('credential.copy', { id });
    expect(copied).toEqual({ ok: true, value: { by: 'main', clearSeconds: 30 } });
    expect(JSON.stringify(copied)).not.toContain(SECRET);
    expect(board.text).toBe(SECRET);
    const audit = await core.sessions.vault().database.db.selectFrom('audit_log').select('action').where('action', '=', 'credential.copy').execute();
    expect(audit).toHaveLength(1);

    expect(await call('session.lock', {})).toMatchObject({ ok: true });
    expect(board.text).toBe('');
  });

  it('clears it on quit, leaving anything else the user copied', async () => {
    const board = memoryClipboard();
    const { core, call, id } = await vaultWithSecret(createSecretClipboard(board));
    await call('credential.copy', { id });
    await core.close();
    expect(board.text).toBe('');
    board.text = 'not ours';
    await core.close();
    expect(board.text).toBe('not ours');
  });

  it('on the host hands the page the secret to copy, since main cannot reach the browser clipboard', async () => {
    const { call, id } = await vaultWithSecret();
    expect(await call('credential.copy', { id })).toEqual({ ok: true, value: { by: 'page', secret: SECRET, clearSeconds: 30 } });
  });
});
