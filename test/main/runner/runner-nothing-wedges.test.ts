import { afterEach, describe, expect, it } from 'vitest';
import { startRunnerWorld, type RunnerWorld } from '../../support/runner-world';
import { tryPasswordLogin } from '../../support/targets/try-password-login';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
let world: RunnerWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** One operation at a time per device: a wedged operation would block every later one. */
async function strictWorld(accounts: { username: string; password: string }[], rootPassword?: string): Promise<RunnerWorld> {
  const w = await startRunnerWorld(tempDir(), accounts, rootPassword ? { rootPassword } : {});
  w.core.settings.update({ runner: { ...w.core.settings.read().runner, perDeviceConcurrency: 1, attempts: 3, intervalMinutes: 0 } });
  return w;
}

function driver(w: RunnerWorld) {
  return w.core.sessions.vault().database.driver;
}

async function changeOnce(w: RunnerWorld, id: number): Promise<string> {
  const request = await w.call('operation.requestChange', { credentialIds: [id] });
  expect(request.refused).toEqual([]);
  return request.scheduled[0]?.code ?? '';
}

describe('nothing wedges: configuration that disappears after save', () => {
  it('an authentication credential deleted after save ends the change in Error at once, saying what to fix, and the device is free for the next change', async () => {
    world = await strictWorld([{ username: 'ann', password: 'ann-initial-1' }, { username: 'ben', password: 'ben-initial-1' }], 'root-initial-1');
    await world.addCredential('root', 'root-initial-1');
    const ann = await world.addCredential('ann', 'ann-initial-1', {
      execution_settings: { automatic_change: true, change_plugin: 'SSH', change_template: 'Linux - Change password as root', use_own_credential_to_connect: false, authentication_credential: 'target-root' },
    });
    const ben = await world.addCredential('ben', 'ben-initial-1');
    // Someone removes the root credential behind the vault's back (the save-time check cannot see it).
    driver(world).prepare("DELETE FROM credentials WHERE identifier = 'target-root'").run();

    const code = await changeOnce(world, ann);
    const started = Date.now();
    await world.runUntilIdle();
    const op = await world.operation(code);
    expect(op.state).toBe('Error');
    // A configuration error is not retried: one attempt, although three were allowed.
    expect(op.attemptsMade).toBe(1);
    expect(op.message).toMatch(/authentication credential "target-root".*not in the vault.*execution settings/);
    expect(Date.now() - started).toBeLessThan(10_000);
    const attempts = await world.call('operation.attempts', { code });
    expect(attempts.map((a) => a.outcome)).toEqual(['error']);
    expect(await tryPasswordLogin(world.target, 'ann', 'ann-initial-1')).toBe('accepted');
    // Nothing is left Running or leased: the next change on the same device goes through.
    expect(driver(world).prepare("SELECT count(*) AS n FROM operations WHERE state = 'Running' OR lease_owner IS NOT NULL").get()).toEqual({ n: 0 });
    const next = await changeOnce(world, ben);
    await world.runUntilIdle();
    expect((await world.operation(next)).state).toBe('Success');
    const benSecret = (await world.call('credential.reveal', { id: ben, purpose: 'view' })).secret;
    expect(await tryPasswordLogin(world.target, 'ben', benSecret)).toBe('accepted');
  });

  it('a template deactivated after save ends the change in Error at once, and a second credential on the device then succeeds', async () => {
    // Templates are referenced by id, so a rename no longer breaks a credential (tested with the
    // save-time checks); a template switched off after save is the configuration that disappears.
    world = await strictWorld([{ username: 'cleo', password: 'cleo-initial-1' }, { username: 'dan', password: 'dan-initial-1' }]);
    const cleo = await world.addCredential('cleo', 'cleo-initial-1');
    const dan = await world.addCredential('dan', 'dan-initial-1');
    driver(world).prepare("UPDATE templates SET active = 0 WHERE name = 'Linux - Change own password'").run();

    const code = await changeOnce(world, cleo);
    await world.runUntilIdle();
    const op = await world.operation(code);
    expect(op).toMatchObject({ state: 'Error', attemptsMade: 1 });
    expect(op.message).toMatch(/template "Linux - Change own password" is inactive/);
    expect(await tryPasswordLogin(world.target, 'cleo', 'cleo-initial-1')).toBe('accepted');

    driver(world).prepare("UPDATE templates SET active = 1 WHERE name = 'Linux - Change own password'").run();
    const next = await changeOnce(world, dan);
    await world.runUntilIdle();
    expect((await world.operation(next)).state).toBe('Success');
  });

  it('a reconciliation credential deleted after save fails only the reconcile, with its own message', async () => {
    world = await strictWorld([{ username: 'eve', password: 'eve-real-pw' }], 'root-initial-2');
    await world.addCredential('root', 'root-initial-2');
    const eve = await world.addCredential('eve', 'eve-wrong-pw', {
      execution_settings: {
        automatic_change: true,
        change_plugin: 'SSH',
        change_template: 'Linux - Change own password',
        use_own_credential_to_connect: true,
        status: true,
        reconciliation_credential: 'target-root',
        reconciliation_plugin: 'SSH',
        reconciliation_template: 'Linux - Reconcile password as root',
      },
    });
    driver(world).prepare("DELETE FROM credentials WHERE identifier = 'target-root'").run();
    const code = await changeOnce(world, eve);
    await world.runUntilIdle();
    // The own login is refused (the vault's secret is wrong): an answer from the target, not retried.
    expect(await world.operation(code)).toMatchObject({ state: 'Error', attemptsMade: 1 });
    const reconcile = await world.call('operation.list', { types: ['reconcile'] });
    expect(reconcile.rows).toHaveLength(1);
    expect(reconcile.rows[0]).toMatchObject({ state: 'Error', attemptsMade: 1 });
    expect(reconcile.rows[0]?.message).toMatch(/reconciliation credential "target-root".*not in the vault/);
    expect(await tryPasswordLogin(world.target, 'eve', 'eve-real-pw')).toBe('accepted');
  });
});
