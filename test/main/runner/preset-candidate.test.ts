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

function candidateColumns(w: RunnerWorld, code: string) {
  return w.core.sessions.vault().database.driver.prepare('SELECT candidate_secret IS NOT NULL AS kept, candidate_preset AS preset, candidate_sent AS sent FROM operations WHERE code = ?').get(code);
}

describe('a typed reset secret (preset candidate)', () => {
  it('survives an Error, so a restart puts the same typed secret on the target', async () => {
    // The host key is not trusted yet: the first attempt fails before anything is sent.
    world = await startRunnerWorld(tempDir(), [{ username: 'pia', password: 'pia-initial-1' }], { pin: false });
    const id = await world.addCredential('pia', 'pia-initial-1');
    const typed = 'Typed-by-the-operator-7!';
    const reset = await world.call('credential.reset', { id, kind: 'password', secret: typed, changeOnTarget: true, acceptInSyncLoss: false });
    if (reset.mode !== 'target') throw new Error('expected a change on the target');
    const code = reset.operationCode;
    await world.runUntilIdle();
    expect((await world.operation(code)).state).toBe('Error');
    expect(candidateColumns(world, code)).toEqual({ kept: 1, preset: 1, sent: 0 });

    await world.call('device.trustHostKey', { deviceId: world.deviceId, fingerprint: world.target.hostKeyFingerprint });
    await world.call('operation.restart', { code });
    await world.runUntilIdle();
    expect((await world.operation(code)).state).toBe('Success');
    expect((await world.call('credential.reveal', { id, purpose: 'view' })).secret).toBe(typed);
    expect(await tryPasswordLogin(world.target, 'pia', typed)).toBe('accepted');
    // Adopted: nothing secret is left on the operation.
    expect(candidateColumns(world, code)).toEqual({ kept: 0, preset: 0, sent: 0 });
  });

  it('is discarded when the operation is canceled', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'quin', password: 'quin-initial-1' }]);
    const id = await world.addCredential('quin', 'quin-initial-1');
    const reset = await world.call('credential.reset', { id, kind: 'password', secret: 'Never-sent-secret-9', changeOnTarget: true, acceptInSyncLoss: false });
    if (reset.mode !== 'target') throw new Error('expected a change on the target');
    expect(candidateColumns(world, reset.operationCode)).toEqual({ kept: 1, preset: 1, sent: 0 });
    await world.call('operation.cancel', { code: reset.operationCode });
    expect(candidateColumns(world, reset.operationCode)).toEqual({ kept: 0, preset: 0, sent: 0 });
    expect(await tryPasswordLogin(world.target, 'quin', 'quin-initial-1')).toBe('accepted');
  });
});
