import { afterEach, describe, expect, it } from 'vitest';
import { tryPasswordLogin } from '../../support/targets/try-password-login';
import { startRunnerWorld, type RunnerWorld } from '../../support/runner-world';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
let world: RunnerWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const TYPED = `Typed'pw "$;|&\`\\ ñü 1`;

async function secretOf(w: RunnerWorld, id: number): Promise<string> {
  return (await w.call('credential.reveal', { id, purpose: 'view' })).secret;
}

describe('reset credential (PassMan) against a real sshd', () => {
  it('typed, on target: the typed secret goes through the crash-safe path and logs in', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'ann', password: 'ann-initial-1' }]);
    const id = await world.addCredential('ann', 'ann-initial-1');
    const result = await world.call('credential.reset', { id, kind: 'password', secret: TYPED, changeOnTarget: true });
    expect(result.mode).toBe('target');
    if (result.mode !== 'target') return;
    await world.runUntilIdle();
    expect(await world.operation(result.operationCode)).toMatchObject({ state: 'Success', trigger: 'reset_credential' });
    expect(await secretOf(world, id)).toBe(TYPED);
    expect(await tryPasswordLogin(world.target, 'ann', TYPED)).toBe('accepted');
    expect(await tryPasswordLogin(world.target, 'ann', 'ann-initial-1')).toBe('rejected');
  });

  it('generated, on target: main generates from the policy, the renderer never receives it, the target takes it', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'ben', password: 'ben-initial-1' }]);
    const id = await world.addCredential('ben', 'ben-initial-1');
    const result = await world.call('credential.reset', { id, kind: 'password', changeOnTarget: true });
    expect(JSON.stringify(result)).not.toMatch(/secret/i);
    if (result.mode !== 'target') throw new Error('expected a target reset');
    await world.runUntilIdle();
    expect((await world.operation(result.operationCode)).state).toBe('Success');
    const secret = await secretOf(world, id);
    expect(secret).not.toBe('ben-initial-1');
    expect(await tryPasswordLogin(world.target, 'ben', secret)).toBe('accepted');
  });

  it('typed, vault only: brings a NotInSync credential back when the real secret is known, and a verify confirms it', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'cat', password: 'cat-real-pw-1' }]);
    const id = await world.addCredential('cat', 'cat-stale-pw');
    const verify = await world.call('operation.requestVerify', { credentialIds: [id] });
    await world.runUntilIdle();
    expect((await world.call('credential.get', { ref: id })).in_sync).toBe('NotInSync');
    expect(verify.scheduled).toHaveLength(1);

    const result = await world.call('credential.reset', { id, kind: 'password', secret: 'cat-real-pw-1', changeOnTarget: false });
    if (result.mode !== 'vault' || !result.verifyOperationCode) throw new Error('expected a vault reset with a verify');
    await world.runUntilIdle();
    expect((await world.operation(result.verifyOperationCode)).state).toBe('Success');
    expect((await world.call('credential.get', { ref: id })).in_sync).toBe('InSync');
    expect(await tryPasswordLogin(world.target, 'cat', 'cat-real-pw-1')).toBe('accepted');
  });

  it('generated, vault only: warns that an InSync credential loses that status, and goes ahead only when confirmed', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'dan', password: 'dan-pw-1' }]);
    const id = await world.addCredential('dan', 'dan-pw-1');
    await world.call('operation.requestVerify', { credentialIds: [id] });
    await world.runUntilIdle();
    expect((await world.call('credential.get', { ref: id })).in_sync).toBe('InSync');

    await expect(world.call('credential.reset', { id, kind: 'password', changeOnTarget: false })).rejects.toThrow(/CONFLICT.*is InSync.*lose that status/);
    expect(await secretOf(world, id)).toBe('dan-pw-1');

    const result = await world.call('credential.reset', { id, kind: 'password', changeOnTarget: false, acceptInSyncLoss: true });
    expect(result.mode).toBe('vault');
    const afterReset = await world.call('credential.get', { ref: id });
    expect(afterReset.in_sync).toBe('unknown');
    await world.runUntilIdle();
    // The vault now holds a generated secret the target never received: the verify says so.
    expect((await world.call('credential.get', { ref: id })).in_sync).toBe('NotInSync');
    expect(await tryPasswordLogin(world.target, 'dan', 'dan-pw-1')).toBe('accepted');
  });

  it('refuses ssh-dss with an explanation, and a kind the credential does not hold; every reset is audited', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'eve', password: 'eve-pw-1' }]);
    const id = await world.addCredential('eve', 'eve-pw-1');
    await expect(world.call('credential.reset', { id, kind: 'password', keyType: 'ssh-dss', changeOnTarget: true })).rejects.toThrow(/OpenSSH removed DSA/);
    await expect(world.call('credential.reset', { id, kind: 'ssh_key', changeOnTarget: true })).rejects.toThrow(/holds a password, not a SSH key/);
    await world.call('credential.reset', { id, kind: 'password', secret: 'eve-typed-2', changeOnTarget: true });
    const trail = await world.call('audit.list', { action: 'credential.reset' });
    expect(trail).toHaveLength(1);
    expect(trail[0]?.details).toMatchObject({ mode: 'target', generated: false });
    expect(JSON.stringify(trail)).not.toContain('eve-typed-2');
  });
});
