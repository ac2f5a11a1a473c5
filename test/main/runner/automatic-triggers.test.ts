import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core/create-core';
import { scheduleAutomaticOperations } from '../../../main/runner/automatic-triggers';
import { DEFAULT_SETTINGS } from '../../../shared/contract/settings';
import { useTempDirs } from '../../support/temp-dir';
import { testCore, WINDOW_A } from '../../support/test-core';

const tempDir = useTempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const ALWAYS = { days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const, hours: Array.from({ length: 24 }, (_, h) => h) };

/** A vault with one credential governed by a 1-day policy (view expiration 2 hours). */
async function world(extra: Record<string, unknown> = {}) {
  const core = testCore(tempDir());
  cores.push(core);
  const call = async (channel: string, payload: unknown) => {
    const result = await core.router.handle(WINDOW_A, channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as never;
  };
  await call('vault.create', { username: 'admin', passphrase: 'trigger test passphrase' });
  await call('device.upsert', { hostname: 'h1', ip: '10.0.0.1', type: 'Linux' });
  await call('credential.upsert', {
    identifier: 'c1',
    username: 'svc',
    hostname: 'h1',
    ip: '10.0.0.1',
    content: 'initial-secret',
    execution_settings: { automatic_change: true, change_plugin: 'SSH', change_template: 'Linux - Change own password', use_own_credential_to_connect: true },
    ...extra,
  });
  await call('policy.save', {
    input: {
      name: 'Daily Linux',
      definition: {
        strength: { lowercase: 4, uppercase: 4, digits: 4, symbols: 0, allowed_symbols: '', allow_repeated_characters: true },
        expiration: { every: 1, unit: 'days' },
        view_expiration_hours: 2,
        change_window: { days: [...ALWAYS.days], hours: ALWAYS.hours },
      },
      criteria: { device_types: ['Linux'], tags: [] },
    },
  });
  const db = core.sessions.vault().database.db;
  const id = ((await call('credential.get', { ref: 'c1' })) as { id: number }).id;
  return { core, call, db, id };
}

const settings = DEFAULT_SETTINGS.runner;
const hours = (n: number) => n * 3_600_000;

describe('automatic change triggers', () => {
  it('refuses the first automatic change until a change was requested by hand, then expires by period', async () => {
    const { db, call, id } = await world();
    const t0 = Date.now();
    await db.updateTable('credentials').set({ last_changed_at: new Date(t0 - hours(48)).toISOString() }).where('id', '=', id).execute();
    // Two days past a one-day policy, but nobody ever asked for a change: nothing happens (seed 000).
    expect(await scheduleAutomaticOperations(db, new Date(t0), settings)).toEqual([]);

    const manual = (await call('operation.requestChange', { credentialIds: [id] })) as { scheduled: { code: string }[] };
    expect(manual.scheduled).toHaveLength(1);
    // While that one is open, no second is created.
    expect(await scheduleAutomaticOperations(db, new Date(t0 + hours(30)), settings)).toEqual([]);
    await db.updateTable('operations').set({ state: 'Success' }).where('code', '=', manual.scheduled[0]?.code ?? '').execute();
    // The manual request reset the counters: a day later than the request, the policy expires it.
    expect(await scheduleAutomaticOperations(db, new Date(t0 + hours(23)), settings)).toEqual([]);
    const due = await scheduleAutomaticOperations(db, new Date(t0 + hours(25)), settings);
    expect(due).toHaveLength(1);
    const op = (await call('operation.get', { code: due[0] })) as { trigger: string; requester: string; state: string };
    expect(op).toMatchObject({ trigger: 'expiration_period', requester: 'system', state: 'Scheduled' });
  });

  it('changes a password some hours after it was revealed (expiration by view)', async () => {
    const { db, call, id } = await world();
    await call('operation.requestChange', { credentialIds: [id] });
    await db.updateTable('operations').set({ state: 'Success' }).execute();
    await call('credential.reveal', { id, purpose: 'view' });
    const now = Date.now();
    expect(await scheduleAutomaticOperations(db, new Date(now + hours(1)), settings)).toEqual([]);
    const due = await scheduleAutomaticOperations(db, new Date(now + hours(3)), settings);
    expect(due).toHaveLength(1);
    expect(((await call('operation.get', { code: due[0] })) as { trigger: string }).trigger).toBe('expiration_view');
  });

  it('never changes automatically a credential that needs a human step, nor outside the allowed hours', async () => {
    const { db, call, id } = await world();
    await call('operation.requestChange', { credentialIds: [id] });
    await db.updateTable('operations').set({ state: 'Success' }).execute();
    await db.updateTable('credentials').set({ needs_human_interaction: 1 }).where('id', '=', id).execute();
    expect(await scheduleAutomaticOperations(db, new Date(Date.now() + hours(72)), settings)).toEqual([]);

    await db.updateTable('credentials').set({ needs_human_interaction: 0 }).where('id', '=', id).execute();
    const later = new Date(Date.now() + hours(72));
    const definition = { strength: { lowercase: 4, uppercase: 4, digits: 4, symbols: 0, allowed_symbols: '', allow_repeated_characters: true }, expiration: { every: 1, unit: 'days' as const }, view_expiration_hours: null, change_window: { days: [...ALWAYS.days], hours: [(later.getHours() + 1) % 24] } };
    await call('policy.save', { id: 1, input: { name: 'Daily Linux', definition, criteria: { device_types: ['Linux'], tags: [] } } });
    expect(await scheduleAutomaticOperations(db, later, settings)).toEqual([]);
  });
  it('a highly critical credential\'s period and view triggers end in Awaiting approval, never Scheduled (issue 11)', async () => {
    const { db, call, id } = await world({ additional_settings: { criticality: 'high' } });
    const manual = (await call('operation.requestChange', { credentialIds: [id] })) as { scheduled: { code: string }[] };
    expect(((await call('operation.get', { code: manual.scheduled[0]?.code })) as { state: string }).state).toBe('AwaitingApproval');
    await db.updateTable('operations').set({ state: 'Success' }).execute();
    const t0 = Date.now();
    const byPeriod = await scheduleAutomaticOperations(db, new Date(t0 + hours(25)), settings);
    expect(byPeriod).toHaveLength(1);
    expect(await call('operation.get', { code: byPeriod[0] })).toMatchObject({ trigger: 'expiration_period', requester: 'system', state: 'AwaitingApproval' });

    await db.updateTable('operations').set({ state: 'Success' }).execute();
    await db.updateTable('credentials').set({ last_changed_at: new Date(t0).toISOString(), trigger_counters_reset_at: new Date(t0).toISOString() }).where('id', '=', id).execute();
    await call('credential.reveal', { id, purpose: 'view' });
    const byView = await scheduleAutomaticOperations(db, new Date(Date.now() + hours(3)), settings);
    expect(byView).toHaveLength(1);
    expect(await call('operation.get', { code: byView[0] })).toMatchObject({ trigger: 'expiration_view', state: 'AwaitingApproval' });
  });
});
