import { afterEach, describe, expect, it } from 'vitest';
import { tryPasswordLogin } from '../../support/targets/try-password-login';
import { startRunnerWorld, type RunnerWorld } from '../../support/runner-world';
import { useTempDirs } from '../../support/temp-dir';

/**
 * Issue 11's one approval gate, against a real vault, a real runner and a real sshd: every path
 * that would change the secret of a highly critical credential ends in Awaiting approval, the
 * target keeps its secret until a legitimate approver accepts, and then the runner changes it.
 */
const tempDir = useTempDirs();
let world: RunnerWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const HIGH = { additional_settings: { criticality: 'high' } } as const;
const RECONCILIATION = {
  automatic_change: true,
  change_plugin: 'SSH',
  change_template: 'Linux - Change own password',
  use_own_credential_to_connect: true,
  reconciliation_credential: 'target-root',
  reconciliation_plugin: 'SSH',
  reconciliation_template: 'Linux - Reconcile password as root',
} as const;

/** A second desk (window 2) where people sign in one after the other. */
function secondDesk(w: RunnerWorld) {
  const sender = { kind: 'electron', webContentsId: 2, frameUrl: 'app://pamdesk/' } as const;
  const invoke = (channel: string, payload: unknown) => w.core.router.handle(sender, channel, payload);
  return {
    invoke,
    async signInAs(username: string, passphrase: string) {
      await invoke('session.signOut', {});
      const unlocked = await invoke('session.unlock', { username, passphrase });
      if (!unlocked.ok) throw new Error(unlocked.error.message);
    },
  };
}

async function stateAndCandidate(w: RunnerWorld, code: string) {
  return w.core.sessions.vault().database.db.selectFrom('operations').select(['state', 'candidate_preset', 'candidate_sent', 'candidate_secret']).where('code', '=', code).executeTakeFirstOrThrow();
}

describe('the approval gate (issue 11)', () => {
  it('manual change, reset on target (typed and generated), reconcile: each waits in Awaiting approval and the target keeps its secret', async () => {
    world = await startRunnerWorld(
      tempDir(),
      [
        { username: 'mana', password: 'mana-initial-1' },
        { username: 'typa', password: 'typa-initial-1' },
        { username: 'gena', password: 'gena-initial-1' },
        { username: 'reca', password: 'reca-initial-1' },
      ],
      { rootPassword: 'root-gate-pw' },
    );
    await world.addCredential('root', 'root-gate-pw');
    const man = await world.addCredential('mana', 'mana-initial-1', HIGH);
    const typ = await world.addCredential('typa', 'typa-initial-1', HIGH);
    const gen = await world.addCredential('gena', 'gena-initial-1', HIGH);
    const rec = await world.addCredential('reca', 'reca-lost-pw', { ...HIGH, execution_settings: RECONCILIATION });

    const manual = (await world.call('operation.requestChange', { credentialIds: [man] })).scheduled[0]?.code ?? '';
    const typed = await world.call('credential.reset', { id: typ, kind: 'password', secret: 'Typed-new-secret-1', changeOnTarget: true });
    const generated = await world.call('credential.reset', { id: gen, kind: 'password', changeOnTarget: true });
    const reconcile = (await world.call('operation.requestReconcile', { credentialIds: [rec] })).scheduled[0]?.code ?? '';
    expect(typed).toMatchObject({ mode: 'target', awaitingApproval: true });
    expect(generated).toMatchObject({ mode: 'target', awaitingApproval: true });
    const typedCode = typed.mode === 'target' ? typed.operationCode : '';
    const generatedCode = generated.mode === 'target' ? generated.operationCode : '';

    await world.runUntilIdle();
    for (const code of [manual, typedCode, generatedCode, reconcile]) expect((await world.operation(code)).state).toBe('AwaitingApproval');
    // The reset's secret waits sealed on its operation, never sent.
    for (const code of [typedCode, generatedCode]) expect(await stateAndCandidate(world, code)).toMatchObject({ state: 'AwaitingApproval', candidate_preset: 1, candidate_sent: 0, candidate_secret: expect.any(Buffer) });
    for (const [user, pw] of [['mana', 'mana-initial-1'], ['typa', 'typa-initial-1'], ['gena', 'gena-initial-1'], ['reca', 'reca-initial-1']] as const) {
      expect(await tryPasswordLogin(world.target, user, pw)).toBe('accepted');
    }
    // Reading is not changing: a verify of a highly critical credential runs at once.
    const verify = (await world.call('operation.requestVerify', { credentialIds: [man] })).scheduled[0]?.code ?? '';
    expect((await world.operation(verify)).state).toBe('Scheduled');
  });

  it("a parent's change gives its highly critical child a change that waits for approval", async () => {
    world = await startRunnerWorld(tempDir(), [
      { username: 'dad', password: 'dad-initial-1' },
      { username: 'kid', password: 'kid-initial-1' },
    ]);
    const parentId = await world.addCredential('dad', 'dad-initial-1');
    const kid = await world.addCredential('kid', 'kid-initial-1', { ...HIGH, parent_password: parentId });
    const code = (await world.call('operation.requestChange', { credentialIds: [parentId] })).scheduled[0]?.code ?? '';
    await world.runUntilIdle();
    expect((await world.operation(code)).state).toBe('Success');
    const children = await world.call('operation.list', { types: ['child_password_change'] });
    expect(children.rows).toHaveLength(1);
    expect(children.rows[0]).toMatchObject({ credentialId: kid, trigger: 'parent_chain', parentCode: code, state: 'AwaitingApproval' });
    expect(await tryPasswordLogin(world.target, 'kid', 'kid-initial-1')).toBe('accepted');
  });

  it('settling an Unverified change by reconcile schedules a reconcile that waits for approval; a restart of a failed change is refused', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'uvi', password: 'uvi-initial-1' }], { rootPassword: 'root-settle-pw' });
    await world.addCredential('root', 'root-settle-pw');
    const id = await world.addCredential('uvi', 'uvi-initial-1', { ...HIGH, execution_settings: RECONCILIATION });
    const code = (await world.call('operation.requestChange', { credentialIds: [id] })).scheduled[0]?.code ?? '';
    const db = world.core.sessions.vault().database.db;
    // As if an approved change had run and ended without a decision (the runner's Unverified).
    await db.updateTable('operations').set({ state: 'Unverified', settle_at: null, finished_at: new Date().toISOString(), candidate_secret: Buffer.from('sealed candidate'), candidate_sent: 1 }).where('code', '=', code).execute();
    const settled = await world.call('operation.settleByReconcile', { code });
    expect((await world.operation(settled.reconcileCode)).state).toBe('AwaitingApproval');
    expect((await world.operation(code)).message).toMatch(/once an approver accepts it/);
    await world.runUntilIdle();
    expect(await tryPasswordLogin(world.target, 'uvi', 'uvi-initial-1')).toBe('accepted');

    await db.updateTable('operations').set({ state: 'Error' }).where('code', '=', settled.reconcileCode).execute();
    await expect(world.call('operation.restart', { code: settled.reconcileCode })).rejects.toThrow(/target-uvi is highly critical, so a restart of OP-\d+ would change its secret without an approval/);
  });

  it('counts an approval only from someone who is not the requester, existed before the request and was not added by them; then the runner changes it', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'crit', password: 'crit-initial-1' }]);
    const desk = secondDesk(world);
    // admin adds abe (so abe was added by the requester) and a second administrator, who adds ana.
    await world.call('user.add', { username: 'abe', role: 'approver', passphrase: 'abe approver passphrase' });
    await world.call('user.add', { username: 'root2', role: 'administrator', passphrase: 'second admin passphrase' });
    await desk.signInAs('root2', 'second admin passphrase');
    expect(await desk.invoke('user.add', { username: 'ana', role: 'approver', passphrase: 'ana approver passphrase' })).toMatchObject({ ok: true });
    const rows = await world.core.sessions.vault().database.db.selectFrom('users').select(['username', 'created_by', 'id']).execute();
    const idOf = (name: string) => rows.find((r) => r.username === name)?.id;
    expect(rows.find((r) => r.username === 'ana')?.created_by).toBe(idOf('root2'));
    expect(rows.find((r) => r.username === 'admin')?.created_by).toBeNull();

    const id = await world.addCredential('crit', 'crit-initial-1', HIGH);
    const code = (await world.call('operation.requestChange', { credentialIds: [id] })).scheduled[0]?.code ?? '';
    // Added by the requester after the request: neither rule lets it count.
    await world.call('user.add', { username: 'late', role: 'approver', passphrase: 'late approver passphrase' });

    await desk.signInAs('abe', 'abe approver passphrase');
    expect(await desk.invoke('operation.approve', { code, justification: 'ok' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: `abe was added by admin, who requested ${code}, so abe's approval cannot count: ask an approver who was not added by admin.` },
    });
    await desk.signInAs('late', 'late approver passphrase');
    expect(await desk.invoke('operation.approve', { code, justification: 'ok' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: `late was added by admin after admin made ${code}, so late's approval cannot count: ask an approver who existed before the request and was not added by admin.` },
    });
    await world.runUntilIdle();
    expect((await world.operation(code)).state).toBe('AwaitingApproval');

    await desk.signInAs('ana', 'ana approver passphrase');
    expect(await desk.invoke('operation.approve', { code, justification: 'change window agreed' })).toMatchObject({ ok: true, value: { state: 'Scheduled' } });
    await world.runUntilIdle();
    expect((await world.operation(code)).state).toBe('Success');
    const secret = (await world.call('credential.reveal', { id, purpose: 'view' })).secret;
    expect(await tryPasswordLogin(world.target, 'crit', secret)).toBe('accepted');
    expect(await tryPasswordLogin(world.target, 'crit', 'crit-initial-1')).toBe('rejected');
    const trail = await world.call('audit.list', { action: 'operation.approve' });
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ actor: 'ana', objectId: code, details: { justification: 'change window agreed' } });
  });

  it('a rejected reset on target discards its sealed secret', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'rej', password: 'rej-initial-1' }]);
    const desk = secondDesk(world);
    await world.call('user.add', { username: 'root2', role: 'administrator', passphrase: 'second admin passphrase' });
    await desk.signInAs('root2', 'second admin passphrase');
    await desk.invoke('user.add', { username: 'ana', role: 'approver', passphrase: 'ana approver passphrase' });
    await desk.signInAs('ana', 'ana approver passphrase');
    const id = await world.addCredential('rej', 'rej-initial-1', HIGH);
    const reset = await world.call('credential.reset', { id, kind: 'password', secret: 'Never-sent-1', changeOnTarget: true });
    const code = reset.mode === 'target' ? reset.operationCode : '';
    expect(await desk.invoke('operation.reject', { code, justification: 'not now' })).toMatchObject({ ok: true, value: { state: 'Canceled' } });
    expect(await stateAndCandidate(world, code)).toMatchObject({ state: 'Canceled', candidate_secret: null, candidate_preset: 0 });
    expect(await tryPasswordLogin(world.target, 'rej', 'rej-initial-1')).toBe('accepted');
  });
});
