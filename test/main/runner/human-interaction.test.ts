import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core/create-core';
import { scheduleAutomaticOperations } from '../../../main/runner/automatic-triggers';
import { createOperation } from '../../../main/runner/operation-store';
import { DEFAULT_SETTINGS } from '../../../shared/contract/settings';
import { useTempDirs } from '../../support/temp-dir';
import { testCore, WINDOW_A } from '../../support/test-core';

const tempDir = useTempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const ALWAYS = { days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], hours: Array.from({ length: 24 }, (_, h) => h) };
const REFUSAL = 'mfa-1 needs MFA or human interaction: pamdesk never changes it; change it by hand, then record the secret with a vault-only reset.';
const settings = DEFAULT_SETTINGS.runner;
const hours = (n: number) => n * 3_600_000;

/** A credential that has had its first manual change, under a daily policy with a 2-hour view expiration, then marked. */
async function markedWorld() {
  const core = testCore(tempDir());
  cores.push(core);
  const invoke = (channel: string, payload: unknown) => core.router.handle(WINDOW_A, channel, payload);
  const call = async (channel: string, payload: unknown) => {
    const result = await invoke(channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as never;
  };
  await call('vault.create', { username: 'admin', passphrase: 'human interaction passphrase' });
  await call('device.upsert', { hostname: 'h1', ip: '10.0.0.1', type: 'Linux' });
  const body = {
    identifier: 'mfa-1',
    username: 'svc',
    hostname: 'h1',
    ip: '10.0.0.1',
    content: 'initial-secret',
    execution_settings: { automatic_change: true, change_plugin: 'SSH', change_template: 'Linux - Change own password', use_own_credential_to_connect: true },
  };
  await call('credential.upsert', body);
  await call('policy.save', {
    input: {
      name: 'Daily Linux',
      definition: {
        strength: { lowercase: 4, uppercase: 4, digits: 4, symbols: 0, allowed_symbols: '', allow_repeated_characters: true },
        expiration: { every: 1, unit: 'days' },
        view_expiration_hours: 2,
        change_window: { days: ALWAYS.days, hours: ALWAYS.hours },
      },
      criteria: { device_types: ['Linux'], tags: [] },
    },
  });
  const db = core.sessions.vault().database.db;
  const id = ((await call('credential.get', { ref: 'mfa-1' })) as { id: number }).id;
  await call('operation.requestChange', { credentialIds: [id] });
  await db.updateTable('operations').set({ state: 'Success' }).execute();
  // Marked through the real upsert, as the editor, the API and import do.
  await call('credential.upsert', { ...body, needs_human_interaction: true });
  const mark = (on: boolean) => call('credential.upsert', { ...body, needs_human_interaction: on });
  return { core, call, invoke, db, id, mark };
}

describe('seed 000: a credential needing MFA or human interaction is never changed, by any trigger', () => {
  it('manual request: refused, saying why', async () => {
    const { call, id } = await markedWorld();
    const result = (await call('operation.requestChange', { credentialIds: [id] })) as { scheduled: unknown[]; refused: { reason: string }[] };
    expect(result.scheduled).toEqual([]);
    expect(result.refused).toEqual([{ credentialId: id, reason: REFUSAL }]);
  });

  it('period and view triggers: nothing is scheduled while marked; the same credential unmarked is changed by view', async () => {
    const { call, db, id, mark } = await markedWorld();
    await call('credential.reveal', { id, purpose: 'view' });
    const now = Date.now();
    expect(await scheduleAutomaticOperations(db, new Date(now + hours(3)), settings)).toEqual([]);
    expect(await scheduleAutomaticOperations(db, new Date(now + hours(72)), settings)).toEqual([]);
    await mark(false);
    const due = await scheduleAutomaticOperations(db, new Date(now + hours(3)), settings);
    expect(due).toHaveLength(1);
    expect(((await call('operation.get', { code: due[0] })) as { trigger: string }).trigger).toBe('expiration_view');
  });

  it('reset on target: refused; a vault-only reset records the hand-made change', async () => {
    const { invoke, id } = await markedWorld();
    const onTarget = await invoke('credential.reset', { id, kind: 'password', secret: 'typed-by-hand-1', changeOnTarget: true });
    expect(onTarget).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: REFUSAL } });
    const vaultOnly = await invoke('credential.reset', { id, kind: 'password', secret: 'typed-by-hand-1', changeOnTarget: false });
    expect(vaultOnly).toMatchObject({ ok: true, value: { mode: 'vault' } });
  });

  it('createOperation, which every path passes through, refuses any secret-changing type (reconcile, parent chain, bulk expire...) but not a verify', async () => {
    const { db, id } = await markedWorld();
    const now = new Date();
    for (const [type, trigger] of [
      ['change_password', 'bulk_expire'],
      ['child_password_change', 'parent_chain'],
      ['reconcile', 'reconcile_after_failure'],
      ['ssh_key_rotation', 'expiration_period'],
    ] as const) {
      await expect(createOperation(db, { type, credentialId: id, requester: 'system', trigger, maxAttempts: 1 }, now)).rejects.toThrow(REFUSAL);
    }
    await expect(createOperation(db, { type: 'verify', credentialId: id, requester: 'system', trigger: 'periodic_verify', maxAttempts: 1 }, now)).resolves.toMatchObject({ code: expect.stringMatching(/^OP-/) });
  });
});
