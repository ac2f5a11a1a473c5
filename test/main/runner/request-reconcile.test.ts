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

const RECONCILIATION = {
  automatic_change: true,
  change_plugin: 'SSH',
  change_template: 'Linux - Change own password',
  use_own_credential_to_connect: true,
  reconciliation_credential: 'target-root',
  reconciliation_plugin: 'SSH',
  reconciliation_template: 'Linux - Reconcile password as root',
} as const;

describe('operation.requestReconcile against a real sshd', () => {
  it('sets a fresh secret through the reconciliation credential although the vault secret is lost; the request is audited', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'rosa', password: 'rosa-real-pw' }], { rootPassword: 'root-reconcile-pw' });
    await world.addCredential('root', 'root-reconcile-pw');
    const id = await world.addCredential('rosa', 'rosa-lost-pw', { execution_settings: RECONCILIATION });
    const result = await world.call('operation.requestReconcile', { credentialIds: [id] });
    expect(result.refused).toEqual([]);
    const code = result.scheduled[0]?.code ?? '';
    expect(await world.operation(code)).toMatchObject({ type: 'reconcile', state: 'Scheduled', trigger: 'manual', requester: 'admin' });
    await world.runUntilIdle();
    expect(await world.operation(code)).toMatchObject({ state: 'Success', templateName: 'Linux - Reconcile password as root' });
    const secret = (await world.call('credential.reveal', { id, purpose: 'view' })).secret;
    expect(secret).not.toBe('rosa-lost-pw');
    expect(await tryPasswordLogin(world.target, 'rosa', secret)).toBe('accepted');
    expect(await tryPasswordLogin(world.target, 'rosa', 'rosa-real-pw')).toBe('rejected');
    expect((await world.call('credential.get', { ref: id })).in_sync).toBe('InSync');
    const audit = await world.call('audit.list', { action: 'operation.request_reconcile' });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ scheduled: [{ credentialId: id, code }] });
  });

  it('refuses, with the reason, a credential without reconciliation settings and one with an open change', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'nora', password: 'nora-pw-1' }, { username: 'otto', password: 'otto-pw-1' }], { rootPassword: 'root-pw-2' });
    await world.addCredential('root', 'root-pw-2');
    const bare = await world.addCredential('nora', 'nora-pw-1');
    const busy = await world.addCredential('otto', 'otto-pw-1', { execution_settings: RECONCILIATION });
    const change = await world.call('operation.requestChange', { credentialIds: [busy] });
    const changeCode = change.scheduled[0]?.code ?? '';
    const result = await world.call('operation.requestReconcile', { credentialIds: [bare, busy, 999_999] });
    expect(result.scheduled).toEqual([]);
    expect(result.refused).toEqual([
      { credentialId: bare, reason: 'target-nora has no reconciliation credential and no reconciliation template configured: set them in its execution settings before reconciling.' },
      { credentialId: busy, reason: `Operation ${changeCode} is already Scheduled for this credential.` },
      { credentialId: 999_999, reason: 'No credential has id 999999.' },
    ]);
    expect((await world.call('operation.list', { types: ['reconcile'] })).total).toBe(0);
  });

  it('a highly critical credential waits for an approver', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'hera', password: 'hera-pw-1' }], { rootPassword: 'root-pw-3' });
    await world.addCredential('root', 'root-pw-3');
    const id = await world.addCredential('hera', 'hera-pw-1', { execution_settings: RECONCILIATION, additional_settings: { criticality: 'high' } });
    const code = (await world.call('operation.requestReconcile', { credentialIds: [id] })).scheduled[0]?.code ?? '';
    await world.runUntilIdle();
    expect(await world.operation(code)).toMatchObject({ type: 'reconcile', state: 'AwaitingApproval' });
    expect(await tryPasswordLogin(world.target, 'hera', 'hera-pw-1')).toBe('accepted');
  });
});
