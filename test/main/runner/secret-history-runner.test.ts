import { afterEach, describe, expect, it } from 'vitest';
import { tryPasswordLogin } from '../../support/targets/try-password-login';
import { ADMIN, startRunnerWorld, type RunnerWorld } from '../../support/runner-world';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
let world: RunnerWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** The runner's promotion keeps the replaced secret in the same transaction, against a real sshd. */
describe('password history through the runner', () => {
  it('a change and a reset on the target each keep the secret they replaced, with the operation code, and the old one can be restored', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'hana', password: 'hana-initial-1' }]);
    const w = world;
    const id = await w.addCredential('hana', 'hana-initial-1');

    const change = (await w.call('operation.requestChange', { credentialIds: [id] })).scheduled[0]?.code ?? '';
    await w.runUntilIdle();
    expect((await w.operation(change)).state).toBe('Success');

    const reset = await w.call('credential.reset', { id, kind: 'password', secret: 'hana-typed-3', changeOnTarget: true });
    if (reset.mode !== 'target') throw new Error('expected a target reset');
    await w.runUntilIdle();
    expect((await w.operation(reset.operationCode)).state).toBe('Success');

    const history = await w.call('credential.history', { id });
    expect(history.map((e) => [e.reason, e.operationCode, e.replacedBy])).toEqual([
      ['reset', reset.operationCode, ADMIN.username],
      ['change', change, ADMIN.username],
    ]);
    const [afterChange, initial] = history;
    if (!afterChange || !initial) throw new Error('expected two entries');
    expect((await w.call('credential.revealHistory', { entryId: initial.id })).secret).toBe('hana-initial-1');
    const generated = (await w.call('credential.revealHistory', { entryId: afterChange.id })).secret;
    expect(generated).not.toBe('hana-initial-1');

    // The target holds the typed secret; restoring the generated one in the vault only makes it
    // NotInSync, which the verify the restore schedules finds out against the real target.
    const restored = await w.call('credential.restoreHistory', { entryId: afterChange.id, acceptInSyncLoss: true });
    if (restored.mode !== 'vault' || !restored.verifyOperationCode) throw new Error('expected a vault-only reset with a verify');
    await w.runUntilIdle();
    expect((await w.call('credential.reveal', { id, purpose: 'view' })).secret).toBe(generated);
    expect((await w.call('credential.get', { ref: id })).in_sync).toBe('NotInSync');
    expect(await tryPasswordLogin(w.target, 'hana', 'hana-typed-3')).toBe('accepted');
    expect((await w.call('credential.history', { id }))[0]).toMatchObject({ reason: 'restore', operationCode: null });
  });
});
