import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/contract/settings';
import { DEFAULT_USER_PREFERENCES } from '../../../shared/contract/preferences';
import { useBulkWorld } from '../bulk/bulk-fixture';

const world = useBulkWorld();

describe('per-user preferences over IPC', () => {
  it("keeps each user's theme, table layout and landing view apart, and leaves the vault-wide settings alone", async () => {
    const w = await world();
    expect(await w.call('olga', 'preferences.get', {})).toEqual(DEFAULT_USER_PREFERENCES);

    // An operator (no settings.write) chooses dark mode and widens a column.
    const layout = { visible: { device_model: true }, widths: { identifier: 320 } };
    const olga = await w.call('olga', 'preferences.set', { theme: 'dark', tables: { credentials: layout } });
    expect(olga).toEqual({ theme: 'dark', landingView: null, tables: { credentials: layout } });
    expect(await w.call('olga', 'preferences.set', { landingView: 'operations' })).toEqual({ theme: 'dark', landingView: 'operations', tables: { credentials: layout } });

    // Nobody else's choices moved, and the vault-wide settings were not touched or audited.
    expect(await w.call('otto', 'preferences.get', {})).toEqual(DEFAULT_USER_PREFERENCES);
    expect(await w.call('admin', 'preferences.get', {})).toEqual(DEFAULT_USER_PREFERENCES);
    expect(await w.call('admin', 'settings.get', {})).toEqual(DEFAULT_SETTINGS);
    expect(await w.call('audrey', 'audit.list', { action: 'settings.update' })).toEqual([]);

    // Kept by user id (no username in the file), and they survive signing in again.
    const file = readFileSync(join(w.dir, 'preferences.json'), 'utf8');
    expect(file).not.toContain('olga');
    await w.signInAgain('olga');
    expect(await w.call('olga', 'preferences.get', {})).toMatchObject({ theme: 'dark', landingView: 'operations', tables: { credentials: layout } });
  });

  it('takes no user id, needs a session, and refuses values no one could have dragged or chosen', async () => {
    const w = await world();
    expect(await w.invoke('olga', 'preferences.set', { userId: 'someone-else', theme: 'dark' } as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await w.invoke('olga', 'preferences.set', { theme: 'sepia' as never })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await w.invoke('olga', 'preferences.set', { tables: { credentials: { visible: {}, widths: { identifier: 99_999 } } } })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await w.invoke('olga', 'preferences.set', { tables: { audit: { visible: {}, widths: {} } } as never })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    await w.call('olga', 'session.signOut', {});
    expect(await w.invoke('olga', 'preferences.get', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await w.call('admin', 'preferences.get', {})).toEqual(DEFAULT_USER_PREFERENCES);
  });
});
