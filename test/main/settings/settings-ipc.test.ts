import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/contract/settings';
import { useBulkWorld } from '../bulk/bulk-fixture';

const world = useBulkWorld();
const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('settings over IPC', () => {
  it('reads for any signed-in user, updates only for settings.write, merging nested fields, and audits before/after', async () => {
    const w = await world();
    expect(await w.call('olga', 'settings.get', {})).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({ idleLockMinutes: 5, clipboardClearSeconds: 30, bulkApprovalExpiryHours: 72, runner: { globalConcurrency: 8, perDeviceConcurrency: 1, attempts: 3 }, siem: { enabled: false, transport: 'tls' } });
    expect(await w.invoke('olga', 'settings.update', { clipboardClearSeconds: 60 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const after = await w.call('admin', 'settings.update', { clipboardClearSeconds: 60, idleLockMinutes: 15, runner: { perDeviceConcurrency: 2, periodicVerifyHours: 24 }, siem: { enabled: true, host: 'siem.example', port: 6514, caPem: CA } });
    expect(after).toMatchObject({ clipboardClearSeconds: 60, idleLockMinutes: 15, runner: { globalConcurrency: 8, perDeviceConcurrency: 2, attempts: 3, periodicVerifyHours: 24 }, siem: { enabled: true, transport: 'tls', host: 'siem.example', caPem: CA } });
    expect(await w.call('audrey', 'settings.get', {})).toEqual(after);
    expect(w.core.settings.read()).toEqual(after);

    const [entry] = await w.call('audrey', 'audit.list', { action: 'settings.update' });
    expect(entry?.details).toMatchObject({ before: { clipboardClearSeconds: 30, siem: { enabled: false, caPem: null } }, after: { clipboardClearSeconds: 60, siem: { enabled: true, caPem: `(${CA.length} characters)` } } });
    expect(JSON.stringify(entry?.details)).not.toContain('BEGIN CERTIFICATE');
  });

  it('refuses out-of-range values and an incomplete SIEM target, saving nothing', async () => {
    const w = await world();
    expect(await w.invoke('admin', 'settings.update', { clipboardClearSeconds: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await w.invoke('admin', 'settings.update', { runner: { globalConcurrency: 0 } })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    // The theme is each user's own preference (preferences.set), not a vault-wide setting.
    expect(await w.invoke('admin', 'settings.update', { theme: 'dark' } as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await w.invoke('admin', 'settings.update', { siem: { enabled: true } })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/siem\.host: Enter the collector host/) } });
    expect(await w.invoke('admin', 'settings.update', { siem: { enabled: true, host: 'siem.example', transport: 'tls' } })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/CA certificate/) } });
    expect(await w.call('admin', 'settings.update', { siem: { enabled: true, host: 'siem.example', transport: 'tcp', port: 514 } })).toMatchObject({ siem: { enabled: true, transport: 'tcp' } });
    expect(await w.call('admin', 'settings.get', {})).toMatchObject({ clipboardClearSeconds: 30, runner: { globalConcurrency: 8 } });
  });
});
