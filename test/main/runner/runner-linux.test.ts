import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES, readBuiltinTemplate } from '../../../main/templates/builtin/builtin-templates';
import { tryPasswordLogin } from '../../support/targets/try-password-login';
import { startRunnerWorld, type RunnerWorld } from '../../support/runner-world';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
let world: RunnerWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function secretOf(w: RunnerWorld, id: number): Promise<string> {
  return (await w.call('credential.reveal', { id, purpose: 'view' })).secret;
}

describe('runner against a real sshd', () => {
  it('changes a password: Scheduled -> Running -> Success, the vault adopts it, a fresh login proves it, the old one is refused', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'alice', password: 'alice-initial-1' }]);
    const id = await world.addCredential('alice', 'alice-initial-1');
    const states: string[] = [];
    world.core.events.subscribe((name, payload) => {
      if (name === 'operation.changed') states.push((payload as { state: string }).state);
    });
    const request = await world.call('operation.requestChange', { credentialIds: [id] });
    const code = request.scheduled[0]?.code ?? '';
    expect((await world.operation(code)).state).toBe('Scheduled');
    await world.runUntilIdle();
    const op = await world.operation(code);
    expect(op).toMatchObject({ state: 'Success', attemptsMade: 1, templateName: 'Linux - Change own password', templateVersion: 1, trigger: 'manual', requester: 'admin' });
    expect(states).toEqual(['Scheduled', 'Running', 'Success']);
    const secret = await secretOf(world, id);
    expect(secret).not.toBe('alice-initial-1');
    expect(await tryPasswordLogin(world.target, 'alice', secret)).toBe('accepted');
    expect(await tryPasswordLogin(world.target, 'alice', 'alice-initial-1')).toBe('rejected');
    const credential = await world.call('credential.get', { ref: id });
    expect(credential).toMatchObject({ in_sync: 'InSync', version: 2 });
    const attempts = await world.call('operation.attempts', { code });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ outcome: 'success' });
    expect(attempts[0]?.transcript).not.toContain(secret);
    expect(attempts[0]?.transcript).not.toContain('alice-initial-1');
  });

  it('retries after a failed attempt and then succeeds', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'bob', password: 'bob-initial-1' }], { pin: false });
    const w = world;
    const id = await w.addCredential('bob', 'bob-initial-1');
    // The first attempt meets an untrusted host key (nothing is sent); the operator then trusts it.
    w.core.events.subscribe((name, payload) => {
      const op = payload as { state: string };
      if (name === 'operation.changed' && op.state === 'Scheduled' && (payload as { message: string | null }).message) {
        void w.call('device.trustHostKey', { deviceId: w.deviceId, fingerprint: w.target.hostKeyFingerprint });
      }
    });
    const code = (await w.call('operation.requestChange', { credentialIds: [id] })).scheduled[0]?.code ?? '';
    await w.runUntilIdle();
    // The trust lands while the loop continues; run again until the retry is done.
    await w.runUntilIdle();
    const op = await w.operation(code);
    expect(op.state).toBe('Success');
    expect(op.attemptsMade).toBe(2);
    const attempts = await w.call('operation.attempts', { code });
    expect(attempts.map((a) => a.outcome)).toEqual(['error', 'success']);
    expect(attempts[0]?.error).toMatch(/host key/i);
    expect(await tryPasswordLogin(w.target, 'bob', await secretOf(w, id))).toBe('accepted');
  });

  it('ends in Error when the attempts run out, can be restarted, and then succeeds', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'carol', password: 'carol-initial-1' }], { pin: false });
    const id = await world.addCredential('carol', 'carol-initial-1');
    const code = (await world.call('operation.requestChange', { credentialIds: [id] })).scheduled[0]?.code ?? '';
    await world.runUntilIdle();
    const failed = await world.operation(code);
    expect(failed).toMatchObject({ state: 'Error', attemptsMade: 3 });
    expect(await secretOf(world, id)).toBe('carol-initial-1');
    expect(await tryPasswordLogin(world.target, 'carol', 'carol-initial-1')).toBe('accepted');

    await world.call('device.trustHostKey', { deviceId: world.deviceId, fingerprint: world.target.hostKeyFingerprint });
    expect((await world.call('operation.restart', { code })).state).toBe('Scheduled');
    await world.runUntilIdle();
    expect((await world.operation(code)).state).toBe('Success');
  });

  it('cancels a Scheduled operation and refuses to cancel a finished one', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'dave', password: 'dave-initial-1' }]);
    const id = await world.addCredential('dave', 'dave-initial-1');
    const code = (await world.call('operation.requestChange', { credentialIds: [id] })).scheduled[0]?.code ?? '';
    expect((await world.call('operation.cancel', { code })).state).toBe('Canceled');
    await world.runUntilIdle();
    expect((await world.operation(code)).state).toBe('Canceled');
    expect(await secretOf(world, id)).toBe('dave-initial-1');
    await expect(world.call('operation.cancel', { code })).rejects.toThrow(/CONFLICT.*Canceled/);
  });

  it('goes Unverified when neither the new nor the stored secret logs in, keeping the candidate', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'erin', password: 'erin-initial-1' }]);
    // A template bug: it sets something other than the candidate. The target takes it, so afterwards
    // neither the candidate nor the vault's secret logs in, and nobody can say which secret is there.
    const body = readBuiltinTemplate(BUILTIN_TEMPLATES[0] as (typeof BUILTIN_TEMPLATES)[number])
      .replace('exec "[#NEW_PASSWORD#]"\nexpect "*etype', '# pamdesk: allow secret-on-command-line\nexec "[#NEW_PASSWORD#]-typo"\nexpect "*etype')
      .replace('exec "[#NEW_PASSWORD#]"\nexpect "*updated', '# pamdesk: allow secret-on-command-line\nexec "[#NEW_PASSWORD#]-typo"\nexpect "*updated');
    await world.call('template.save', { input: { name: 'Buggy change', executor: 'ssh', operation_type: 'change_password', active: true, variables: [], body } });
    const id = await world.addCredential('erin', 'erin-initial-1', {
      execution_settings: { automatic_change: true, change_plugin: 'SSH', change_template: 'Buggy change', use_own_credential_to_connect: true },
    });
    const code = (await world.call('operation.requestChange', { credentialIds: [id] })).scheduled[0]?.code ?? '';
    await world.runUntilIdle();
    const op = await world.operation(code);
    expect(op.state).toBe('Unverified');
    expect(op.message).toMatch(/Unverified: the target refused the new secret \(rejected\) and the current one \(rejected\)/);
    expect(await secretOf(world, id)).toBe('erin-initial-1');
    expect(await tryPasswordLogin(world.target, 'erin', 'erin-initial-1')).toBe('rejected');
    const attempts = await world.call('operation.attempts', { code });
    expect(attempts.at(-1)?.outcome).toBe('unverified');
    // The candidate is masked even with the template's suffix glued to it.
    expect(attempts.at(-1)?.transcript).toContain('********-typo');
    // A second change is refused until the Unverified one is settled.
    const again = await world.call('operation.requestChange', { credentialIds: [id] });
    expect(again.refused[0]?.reason).toMatch(/Unverified/);
  });

  it("chains a parent's success to its children; a failing child touches neither the parent nor its sibling", async () => {
    world = await startRunnerWorld(tempDir(), [
      { username: 'parent', password: 'parent-initial-1' },
      { username: 'kid1', password: 'kid1-initial-1' },
      { username: 'kid2', password: 'kid2-initial-1' },
    ]);
    const parentId = await world.addCredential('parent', 'parent-initial-1');
    const kid1 = await world.addCredential('kid1', 'kid1-initial-1', { parent_password: parentId });
    // kid2 names a template that does not exist (stored before the save-time check, which refuses it
    // now: error 9102): its child change fails without touching anything.
    const kid2 = await world.addCredential('kid2', 'kid2-initial-1', { parent_password: parentId });
    await world.core.sessions
      .vault()
      .database.db.updateTable('credentials')
      .set({ execution_settings: JSON.stringify({ automatic_change: true, change_plugin: 'SSH', change_template: 'No such template', use_own_credential_to_connect: true }), change_template_id: null })
      .where('id', '=', kid2)
      .execute();
    const code = (await world.call('operation.requestChange', { credentialIds: [parentId] })).scheduled[0]?.code ?? '';
    await world.runUntilIdle();
    expect((await world.operation(code)).state).toBe('Success');
    const children = await world.call('operation.list', { types: ['child_password_change'] });
    expect(children.total).toBe(2);
    const byCredential = new Map(children.rows.map((op) => [op.credentialId, op]));
    expect(byCredential.get(kid1)).toMatchObject({ state: 'Success', parentCode: code, trigger: 'parent_chain' });
    expect(byCredential.get(kid2)).toMatchObject({ state: 'Error', parentCode: code });
    expect((await world.operation(code)).state).toBe('Success');
    expect(await tryPasswordLogin(world.target, 'kid1', await secretOf(world, kid1))).toBe('accepted');
    expect(await tryPasswordLogin(world.target, 'kid2', 'kid2-initial-1')).toBe('accepted');
    expect(await tryPasswordLogin(world.target, 'parent', await secretOf(world, parentId))).toBe('accepted');
  });

  it('verifies: InSync for the right secret, NotInSync (Error) for a wrong one', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'frank', password: 'frank-pw-1' }, { username: 'gina', password: 'gina-pw-1' }]);
    const good = await world.addCredential('frank', 'frank-pw-1');
    const bad = await world.addCredential('gina', 'not-gina-pw');
    const result = await world.call('operation.requestVerify', { credentialIds: [good, bad] });
    await world.runUntilIdle();
    const w = world;
    const [okOp, badOp] = await Promise.all(result.scheduled.map((s) => w.operation(s.code)));
    expect(okOp?.state).toBe('Success');
    expect(badOp?.state).toBe('Error');
    expect((await world.call('credential.get', { ref: good })).in_sync).toBe('InSync');
    expect((await world.call('credential.get', { ref: bad })).in_sync).toBe('NotInSync');
  });
});

describe('operations that need approval (critical credentials)', () => {
  async function approvalWorld() {
    const w = await startRunnerWorld(tempDir(), [{ username: 'crit', password: 'crit-initial-1' }, { username: 'crit2', password: 'crit2-initial-1' }]);
    await w.call('user.add', { username: 'olga', role: 'operator', passphrase: 'operator passphrase 1' });
    await w.call('user.add', { username: 'abe', role: 'approver', passphrase: 'approver passphrase 1' });
    return w;
  }
  const asUser = async (w: RunnerWorld, username: string, passphrase: string) => {
    const sender = { kind: 'electron', webContentsId: 2, frameUrl: 'app://pamdesk/' } as const;
    const unlocked = await w.core.router.handle(sender, 'session.unlock', { username, passphrase });
    if (!unlocked.ok) throw new Error(unlocked.error.message);
    return async (channel: string, payload: unknown) => {
      const result = await w.core.router.handle(sender, channel, payload);
      if (!result.ok) throw new Error(`${result.error.code} ${result.error.message}`);
      return result.value as never;
    };
  };

  it('waits for an approver (never the requester), then runs; a rejection cancels it', async () => {
    world = await approvalWorld();
    const id = await world.addCredential('crit', 'crit-initial-1', { additional_settings: { criticality: 'high' } });
    const id2 = await world.addCredential('crit2', 'crit2-initial-1', { additional_settings: { criticality: 'high' } });
    const operator = await asUser(world, 'olga', 'operator passphrase 1');
    const request = (await operator('operation.requestChange', { credentialIds: [id, id2] })) as { scheduled: { code: string }[] };
    const [first, second] = request.scheduled.map((s) => s.code);
    expect((await world.operation(first ?? '')).state).toBe('AwaitingApproval');
    await world.runUntilIdle();
    expect((await world.operation(first ?? '')).state).toBe('AwaitingApproval');
    await expect(operator('operation.approve', { code: first, justification: 'me' })).rejects.toThrow(/FORBIDDEN/);

    await operator('session.signOut', {});
    const approver = await asUser(world, 'abe', 'approver passphrase 1');
    await expect(approver('operation.approve', { code: first, justification: '' })).rejects.toThrow(/BAD_REQUEST|justification/);
    expect(((await approver('operation.approve', { code: first, justification: 'change window agreed' })) as { state: string }).state).toBe('Scheduled');
    expect(((await approver('operation.reject', { code: second, justification: 'not during the audit' })) as { state: string }).state).toBe('Canceled');
    await world.runUntilIdle();
    expect(await world.operation(first ?? '')).toMatchObject({ state: 'Success' });
    expect(await world.operation(second ?? '')).toMatchObject({ state: 'Canceled', message: 'Rejected by abe: not during the audit' });
    expect(await tryPasswordLogin(world.target, 'crit2', 'crit2-initial-1')).toBe('accepted');
  });

  it('expires when nobody decides in time', async () => {
    world = await approvalWorld();
    world.core.settings.update({ bulkApprovalExpiryHours: 1 });
    const id = await world.addCredential('crit', 'crit-initial-1', { additional_settings: { criticality: 'high' } });
    const code = (await world.call('operation.requestChange', { credentialIds: [id] })).scheduled[0]?.code ?? '';
    expect((await world.operation(code)).state).toBe('AwaitingApproval');
    const vault = world.core.sessions.vault();
    await vault.database.db.updateTable('operations').set({ created_at: new Date(Date.now() - 2 * 3_600_000).toISOString() }).where('code', '=', code).execute();
    await world.runUntilIdle();
    expect(await world.operation(code)).toMatchObject({ state: 'Expired', message: 'Nobody approved it within 1 hours.' });
    expect(await tryPasswordLogin(world.target, 'crit', 'crit-initial-1')).toBe('accepted');
  });
});

describe('reconciliation', () => {
  it('after a failed change, autorun reconciles with the reconciliation credential and a fresh secret, without knowing the current one', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'rita', password: 'rita-real-pw' }], { rootPassword: 'root-reconcile-pw' });
    await world.addCredential('root', 'root-reconcile-pw');
    // The vault's secret for rita is wrong, so her own change cannot even log in.
    const id = await world.addCredential('rita', 'rita-lost-pw', {
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
    const code = (await world.call('operation.requestChange', { credentialIds: [id] })).scheduled[0]?.code ?? '';
    await world.runUntilIdle();
    expect((await world.operation(code)).state).toBe('Error');
    const reconcile = await world.call('operation.list', { types: ['reconcile'] });
    expect(reconcile.rows).toHaveLength(1);
    expect(reconcile.rows[0]).toMatchObject({ state: 'Success', trigger: 'reconcile_after_failure', requester: 'system' });
    const secret = await secretOf(world, id);
    expect(secret).not.toBe('rita-lost-pw');
    expect(await tryPasswordLogin(world.target, 'rita', secret)).toBe('accepted');
    expect(await tryPasswordLogin(world.target, 'rita', 'rita-real-pw')).toBe('rejected');
    expect((await world.call('credential.get', { ref: id })).in_sync).toBe('InSync');
  });
});
