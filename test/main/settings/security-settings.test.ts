import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core/create-core';
import { openVault } from '../../../main/vault/open-vault';
import { useTempDirs } from '../../support/temp-dir';
import { testCore, WINDOW_A, WINDOW_B } from '../../support/test-core';

const tempDir = useTempDirs();
const open: Core[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
});

const ADMIN = { username: 'admin', passphrase: 'admin passphrase for settings' };
const SIEM_ON = { enabled: true, transport: 'tcp', host: 'siem.corp.example', port: 514 } as const;
const preferencesFile = (dir: string) => join(dir, 'preferences.json');
const readPreferences = (dir: string) => JSON.parse(readFileSync(preferencesFile(dir), 'utf8')) as { settings: Record<string, unknown> };

function coreOn(dir: string) {
  const core = testCore(dir);
  open.push(core);
  return core;
}

async function closeAll(): Promise<void> {
  for (const core of open.splice(0)) await core.close();
}

async function auditActions(dir: string) {
  const vault = await openVault(dir, ADMIN.username, ADMIN.passphrase);
  try {
    return await vault.database.db.selectFrom('audit_log').select(['actor', 'action', 'details']).orderBy('id').execute();
  } finally {
    await vault.close();
  }
}

describe('security settings live in the vault', () => {
  it('keeps SIEM, idle lock and approval expiry out of preferences.json, and a hand edit there changes nothing', async () => {
    const dir = tempDir();
    const core = coreOn(dir);
    expect(await core.call(WINDOW_A, 'vault.create', ADMIN)).toMatchObject({ ok: true });
    expect(await core.call(WINDOW_A, 'settings.update', { clipboardClearSeconds: 60, idleLockMinutes: 15, bulkApprovalExpiryHours: 24, siem: SIEM_ON })).toMatchObject({ ok: true });
    const stored = readPreferences(dir).settings;
    expect(stored).toMatchObject({ clipboardClearSeconds: 60 });
    for (const field of ['idleLockMinutes', 'bulkApprovalExpiryHours', 'siem']) expect(stored, field).not.toHaveProperty(field);
    await closeAll();

    // Someone who can write the data folder tries to turn forwarding and idle locking off.
    writeFileSync(preferencesFile(dir), JSON.stringify({ settings: { ...stored, idleLockMinutes: 0, bulkApprovalExpiryHours: 720, siem: { enabled: false } } }));
    const again = coreOn(dir);
    expect(await again.call(WINDOW_A, 'session.unlock', ADMIN)).toMatchObject({ ok: true });
    expect(await again.call(WINDOW_A, 'settings.get', {})).toMatchObject({ ok: true, value: { clipboardClearSeconds: 60, idleLockMinutes: 15, bulkApprovalExpiryHours: 24, siem: SIEM_ON } });
    expect(again.settings.read().idleLockMinutes).toBe(15);
  });

  it('is changed by an administrator only, audited, and turning SIEM off has its own entry', async () => {
    const dir = tempDir();
    const core = coreOn(dir);
    expect(await core.call(WINDOW_A, 'vault.create', ADMIN)).toMatchObject({ ok: true });
    expect(await core.call(WINDOW_A, 'user.add', { username: 'olga', role: 'operator', passphrase: 'operator passphrase 1' })).toMatchObject({ ok: true });
    expect(await core.call(WINDOW_B, 'session.unlock', { username: 'olga', passphrase: 'operator passphrase 1' })).toMatchObject({ ok: true });
    expect(await core.call(WINDOW_B, 'settings.update', { siem: { enabled: false } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call(WINDOW_B, 'settings.update', { idleLockMinutes: 0 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    expect(await core.call(WINDOW_A, 'settings.update', { siem: SIEM_ON })).toMatchObject({ ok: true });
    expect(await core.call(WINDOW_A, 'settings.update', { siem: { enabled: false } })).toMatchObject({ ok: true, value: { siem: { enabled: false, host: SIEM_ON.host } } });
    await closeAll();

    const entries = (await auditActions(dir)).filter((entry) => entry.action.startsWith('siem.') || entry.action.startsWith('settings.'));
    expect(entries.map((entry) => `${entry.actor} ${entry.action}`)).toEqual(['admin settings.update', 'admin siem.enable', 'admin settings.update', 'admin siem.disable']);
    expect(JSON.parse(entries[3]?.details ?? '{}')).toEqual({ transport: 'tcp', host: SIEM_ON.host, port: 514 });
  });

  it("takes an older vault's values from preferences.json once, audited, then never reads them there again", async () => {
    const dir = tempDir();
    const core = coreOn(dir);
    expect(await core.call(WINDOW_A, 'vault.create', ADMIN)).toMatchObject({ ok: true });
    await closeAll();
    // What a vault from before this change looks like: no row in the vault, the values in preferences.
    const vault = await openVault(dir, ADMIN.username, ADMIN.passphrase);
    vault.database.driver.prepare("DELETE FROM meta WHERE key = 'security_settings'").run();
    await vault.close();
    writeFileSync(preferencesFile(dir), JSON.stringify({ settings: { clipboardClearSeconds: 45, idleLockMinutes: 9, siem: SIEM_ON } }));

    const upgraded = coreOn(dir);
    expect(await upgraded.call(WINDOW_A, 'session.unlock', ADMIN)).toMatchObject({ ok: true });
    expect(await upgraded.call(WINDOW_A, 'settings.get', {})).toMatchObject({ ok: true, value: { clipboardClearSeconds: 45, idleLockMinutes: 9, siem: SIEM_ON } });
    expect(readPreferences(dir).settings).toEqual({ clipboardClearSeconds: 45 });
    await closeAll();

    const imported = (await auditActions(dir)).filter((entry) => entry.action === 'settings.import_security');
    expect(imported).toHaveLength(1);
    expect(JSON.parse(imported[0]?.details ?? '{}')).toMatchObject({ from: 'preferences.json', values: { idleLockMinutes: 9, siem: { host: SIEM_ON.host } } });
  });
});
