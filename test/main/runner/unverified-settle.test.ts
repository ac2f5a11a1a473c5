import { afterEach, describe, expect, it } from 'vitest';
import type { ExecutionPort } from '../../../main/runner/ports';
import { ADMIN, startRunnerWorld, type RunnerWorld } from '../../support/runner-world';
import { cliFor } from '../../support/cli-runner';
import { tryPasswordLogin } from '../../support/targets/try-password-login';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
let world: RunnerWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/**
 * A world whose target "dies" right after each change template ran: the sshd listener is stopped
 * (SIGSTOP), so both decision logins time out and the change is Unverified. `thaw` brings it back.
 * The clock can be moved on, to pass the settle back-off without waiting.
 */
async function flakyWorld(accounts: { username: string; password: string }[], rootPassword?: string) {
  let offsetMs = 0;
  let freezeAfterRun = true;
  const holder: { world?: RunnerWorld } = {};
  const sshd = (signal: 'STOP' | 'CONT') => holder.world?.target.exec(`kill -${signal} $(pgrep -o -x sshd)`);
  const w = await startRunnerWorld(tempDir(), accounts, {
    now: () => new Date(Date.now() + offsetMs),
    connectTimeoutMs: 1_500,
    ...(rootPassword ? { rootPassword } : {}),
    wrapPort: (port: ExecutionPort): ExecutionPort => ({
      ...port,
      async run(request) {
        const outcome = await port.run(request);
        if (freezeAfterRun) await sshd('STOP');
        return outcome;
      },
    }),
  });
  holder.world = w;
  return {
    w,
    advance: (ms: number) => (offsetMs += ms),
    thaw: async () => {
      freezeAfterRun = false;
      await sshd('CONT');
    },
    freezeAfterRuns: async (on: boolean) => {
      freezeAfterRun = on;
      if (!on) await sshd('CONT');
    },
  };
}

async function makeUnverified(w: RunnerWorld, id: number): Promise<string> {
  const code = (await w.call('operation.requestChange', { credentialIds: [id] })).scheduled[0]?.code ?? '';
  await w.runUntilIdle();
  const op = await w.operation(code);
  expect(op.state).toBe('Unverified');
  expect(op.message).toMatch(/refused the new secret \(unreachable\) and the current one \(unreachable\)/);
  return code;
}

function settleRow(w: RunnerWorld, code: string): { settle_at: string | null; settle_tries: number; has_candidate: number } {
  return w.core.sessions.vault().database.driver.prepare('SELECT settle_at, settle_tries, candidate_secret IS NOT NULL AS has_candidate FROM operations WHERE code = ?').get(code) as never;
}

const secretOf = async (w: RunnerWorld, id: number) => (await w.call('credential.reveal', { id, purpose: 'view' })).secret;

/** A change template that logs in, starts, and then times out waiting: the target keeps its secret. */
const STALLING_TEMPLATE = ['set-read-timeout 1', 'exec "echo starting"', 'expect "NEVER-PRINTED"', 'end', ''].join('\n');

describe('the runner settles Unverified changes by itself', () => {
  it('retries the decision logins with back-off and adopts the candidate once the target is back; the credential can then be changed again', async () => {
    const flaky = await flakyWorld([{ username: 'fay', password: 'fay-initial-1' }]);
    world = flaky.w;
    const w = flaky.w;
    const id = await w.addCredential('fay', 'fay-initial-1');
    const code = await makeUnverified(w, id);
    const first = settleRow(w, code);
    expect(first).toMatchObject({ settle_tries: 0, has_candidate: 1 });
    expect(Date.parse(first.settle_at ?? '') - Date.now()).toBeGreaterThan(50_000);
    expect(await secretOf(w, id)).toBe('fay-initial-1');

    // Not due yet: nothing happens.
    await w.runUntilIdle();
    expect((await w.call('operation.attempts', { code })).length).toBe(1);

    // Due, target still down: the try is recorded and the next one is further away.
    flaky.advance(61_000);
    await w.runUntilIdle();
    const second = settleRow(w, code);
    expect(second.settle_tries).toBe(1);
    expect(Date.parse(second.settle_at ?? '') - (Date.now() + 61_000)).toBeGreaterThan(110_000);
    const attempts = await w.call('operation.attempts', { code });
    expect(attempts.map((a) => a.outcome)).toEqual(['unverified', 'unverified']);
    expect(attempts[1]?.error).toMatch(/settle try 1 found nothing certain/);
    expect((await w.operation(code)).state).toBe('Unverified');

    // The target is back; the next try adopts the candidate the target holds.
    await flaky.thaw();
    flaky.advance(121_000);
    await w.runUntilIdle();
    const settled = await w.operation(code);
    expect(settled.state).toBe('Success');
    expect(settled.message).toMatch(/Settled: a fresh login with the kept candidate succeeded/);
    const secret = await secretOf(w, id);
    expect(secret).not.toBe('fay-initial-1');
    expect(await tryPasswordLogin(w.target, 'fay', secret)).toBe('accepted');
    expect(settleRow(w, code)).toMatchObject({ settle_at: null, has_candidate: 0 });
    expect((await w.call('credential.get', { ref: id })).in_sync).toBe('InSync');

    const again = await w.call('operation.requestChange', { credentialIds: [id] });
    expect(again.refused).toEqual([]);
    await w.runUntilIdle();
    expect((await w.operation(again.scheduled[0]?.code ?? '')).state).toBe('Success');
    expect(await tryPasswordLogin(w.target, 'fay', await secretOf(w, id))).toBe('accepted');
  });

  it('a verify request on a credential whose last change is Unverified settles it first, then verifies the adopted secret', async () => {
    const flaky = await flakyWorld([{ username: 'gus', password: 'gus-initial-1' }]);
    world = flaky.w;
    const w = flaky.w;
    const id = await w.addCredential('gus', 'gus-initial-1');
    const code = await makeUnverified(w, id);
    await flaky.thaw();
    // The settle schedule is a minute away: only the verify makes it happen now.
    const verify = (await w.call('operation.requestVerify', { credentialIds: [id] })).scheduled[0]?.code ?? '';
    await w.runUntilIdle();
    expect((await w.operation(code)).state).toBe('Success');
    expect(await w.operation(verify)).toMatchObject({ state: 'Success' });
    expect((await w.call('credential.get', { ref: id })).in_sync).toBe('InSync');
    const secret = await secretOf(w, id);
    expect(secret).not.toBe('gus-initial-1');
    expect(await tryPasswordLogin(w.target, 'gus', secret)).toBe('accepted');
    const again = await w.call('operation.requestChange', { credentialIds: [id] });
    expect(again.refused).toEqual([]);
  });

  it('a settle try that finds the current secret still accepted discards the candidate and ends the change in Error', async () => {
    const flaky = await flakyWorld([{ username: 'hal', password: 'hal-initial-1' }]);
    world = flaky.w;
    const w = flaky.w;
    await w.call('template.save', { input: { name: 'Stalling change', executor: 'ssh', operation_type: 'change_password', active: true, variables: [], body: STALLING_TEMPLATE } });
    const id = await w.addCredential('hal', 'hal-initial-1', { execution_settings: { automatic_change: true, change_plugin: 'SSH', change_template: 'Stalling change', use_own_credential_to_connect: true } });
    const code = (await w.call('operation.requestChange', { credentialIds: [id] })).scheduled[0]?.code ?? '';
    await w.runUntilIdle();
    expect((await w.operation(code)).state).toBe('Unverified');
    await flaky.thaw();
    flaky.advance(61_000);
    await w.runUntilIdle();
    const op = await w.operation(code);
    expect(op.state).toBe('Error');
    expect(op.message).toMatch(/still accepts the current secret.*candidate was discarded/);
    expect(settleRow(w, code)).toMatchObject({ has_candidate: 0, settle_at: null });
    expect(await secretOf(w, id)).toBe('hal-initial-1');
    expect((await w.call('operation.requestChange', { credentialIds: [id] })).refused).toEqual([]);
  });
});

describe('administrators settle by hand', () => {
  it('through the router: reveal the candidate (audited), then "the target holds the candidate" adopts it; operators may not settle', async () => {
    const flaky = await flakyWorld([{ username: 'ivy', password: 'ivy-initial-1' }]);
    world = flaky.w;
    const w = flaky.w;
    const id = await w.addCredential('ivy', 'ivy-initial-1');
    const code = await makeUnverified(w, id);

    await w.call('user.add', { username: 'otto', role: 'operator', passphrase: 'operator passphrase 1' });
    const operatorWindow = { kind: 'electron', webContentsId: 2, frameUrl: 'app://pamdesk/' } as const;
    expect((await w.core.router.handle(operatorWindow, 'session.unlock', { username: 'otto', passphrase: 'operator passphrase 1' })).ok).toBe(true);
    const refused = await w.core.router.handle(operatorWindow, 'operation.settle', { code, targetHolds: 'candidate' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const { secret: candidate } = await w.call('operation.revealCandidate', { code });
    expect(candidate).not.toBe('ivy-initial-1');
    const settled = await w.call('operation.settle', { code, targetHolds: 'candidate' });
    expect(settled.state).toBe('Success');
    expect(settled.message).toMatch(/Settled by admin: the target holds the candidate/);
    expect(await secretOf(w, id)).toBe(candidate);
    expect((await w.call('credential.get', { ref: id })).in_sync).toBe('unknown');
    // The secret the adopted candidate replaced is kept in the password history, with the change.
    const [kept] = await w.call('credential.history', { id });
    expect(kept).toMatchObject({ reason: 'change', operationCode: code, replacedBy: 'admin' });
    expect((await w.call('credential.revealHistory', { entryId: kept?.id ?? 0 })).secret).toBe('ivy-initial-1');
    await flaky.thaw();
    expect(await tryPasswordLogin(w.target, 'ivy', candidate)).toBe('accepted');

    const audit = w.core.sessions.vault().database.driver.prepare("SELECT action, actor, object_id, details FROM audit_log WHERE action LIKE 'operation.%' ORDER BY id").all() as { action: string; details: string }[];
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['operation.reveal_candidate', 'operation.settle']));
    for (const entry of audit) expect(entry.details).not.toContain(candidate);
    const attempts = await w.call('operation.attempts', { code });
    expect(attempts.at(-1)).toMatchObject({ outcome: 'success', runner: 'by hand: admin' });
    // Settled: a second settle is refused, and the credential can be changed again.
    await expect(w.call('operation.settle', { code, targetHolds: 'current' })).rejects.toThrow(/CONFLICT.*only an Unverified change/);
    expect((await w.call('operation.requestChange', { credentialIds: [id] })).refused).toEqual([]);
  });

  it('through the CLI: reveal-candidate, then "the target holds the current secret" discards the candidate', async () => {
    const flaky = await flakyWorld([{ username: 'jon', password: 'jon-initial-1' }]);
    world = flaky.w;
    const w = flaky.w;
    await w.call('template.save', { input: { name: 'Stalling change', executor: 'ssh', operation_type: 'change_password', active: true, variables: [], body: STALLING_TEMPLATE } });
    const id = await w.addCredential('jon', 'jon-initial-1', { execution_settings: { automatic_change: true, change_plugin: 'SSH', change_template: 'Stalling change', use_own_credential_to_connect: true } });
    const code = (await w.call('operation.requestChange', { credentialIds: [id] })).scheduled[0]?.code ?? '';
    await w.runUntilIdle();
    expect((await w.operation(code)).state).toBe('Unverified');

    const cli = cliFor(w.core.status().dataDir);
    const env = { PAMDESK_USER: ADMIN.username, PAMDESK_PASSPHRASE: ADMIN.passphrase };
    const revealed = await cli(['operations', 'reveal-candidate', code, '--json'], env);
    expect(revealed.code).toBe(0);
    const candidate = (JSON.parse(revealed.out) as { secret: string }).secret;
    expect(candidate.length).toBeGreaterThan(8);
    const bad = await cli(['operations', 'settle', code, '--target-holds', 'maybe'], env);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--target-holds must be candidate or current/);
    const settled = await cli(['operations', 'settle', code, '--target-holds', 'current', '--json'], env);
    expect(settled.code).toBe(0);
    expect(JSON.parse(settled.out)).toMatchObject({ code, state: 'Error', message: expect.stringMatching(/target holds the current secret.*candidate was discarded/) });
    expect(await secretOf(w, id)).toBe('jon-initial-1');
    expect(settleRow(w, code)).toMatchObject({ has_candidate: 0, settle_at: null });
    await flaky.thaw();
    expect(await tryPasswordLogin(w.target, 'jon', 'jon-initial-1')).toBe('accepted');
    const again = await cli(['operations', 'reveal-candidate', code], env);
    expect(again.code).toBe(1);
    expect((await w.call('operation.requestChange', { credentialIds: [id] })).refused).toEqual([]);
  });

  it('a vault-only reset settles the Unverified change with the secret the operator states, audited', async () => {
    const flaky = await flakyWorld([{ username: 'kim', password: 'kim-initial-1' }]);
    world = flaky.w;
    const w = flaky.w;
    await w.call('template.save', { input: { name: 'Stalling change', executor: 'ssh', operation_type: 'change_password', active: true, variables: [], body: STALLING_TEMPLATE } });
    const id = await w.addCredential('kim', 'kim-initial-1', { execution_settings: { automatic_change: true, change_plugin: 'SSH', change_template: 'Stalling change', use_own_credential_to_connect: true } });
    const code = (await w.call('operation.requestChange', { credentialIds: [id] })).scheduled[0]?.code ?? '';
    await w.runUntilIdle();
    expect((await w.operation(code)).state).toBe('Unverified');
    await flaky.thaw();

    const reset = await w.call('credential.reset', { id, kind: 'password', secret: 'kim-initial-1', changeOnTarget: false, acceptInSyncLoss: true });
    expect(reset.mode).toBe('vault');
    const op = await w.operation(code);
    expect(op.state).toBe('Canceled');
    expect(op.message).toMatch(/Settled by a vault-only reset by admin/);
    expect(settleRow(w, code)).toMatchObject({ has_candidate: 0, settle_at: null });
    const audit = w.core.sessions.vault().database.driver.prepare("SELECT action, object_id, details FROM audit_log WHERE action IN ('operation.settle', 'credential.reset') ORDER BY id").all() as { action: string; object_id: string; details: string }[];
    expect(audit.map((a) => a.action)).toEqual(['operation.settle', 'credential.reset']);
    expect(audit[1]?.details).toContain(code);
    await w.runUntilIdle();
    expect((await w.call('credential.get', { ref: id })).in_sync).toBe('InSync');
    expect((await w.call('operation.requestChange', { credentialIds: [id] })).refused).toEqual([]);
  });
  it('settle by reconcile: the Unverified change is Canceled with its candidate discarded, a reconcile through root sets a fresh secret that logs in, audited', async () => {
    const flaky = await flakyWorld([{ username: 'rex', password: 'rex-initial-1' }], 'root-settle-pw-1');
    world = flaky.w;
    const w = flaky.w;
    await flaky.freezeAfterRuns(false);
    await w.addCredential('root', 'root-settle-pw-1');
    await flaky.freezeAfterRuns(true);
    const id = await w.addCredential('rex', 'rex-initial-1', {
      execution_settings: {
        automatic_change: true,
        change_plugin: 'SSH',
        change_template: 'Linux - Change own password',
        use_own_credential_to_connect: true,
        reconciliation_credential: 'target-root',
        reconciliation_plugin: 'SSH',
        reconciliation_template: 'Linux - Reconcile password as root',
      },
    });
    const code = await makeUnverified(w, id);
    await flaky.thaw();

    const { reconcileCode } = await w.call('operation.settleByReconcile', { code });
    const settled = await w.operation(code);
    expect(settled.state).toBe('Canceled');
    expect(settled.message).toBe(`Settled by admin: superseded by reconcile ${reconcileCode}, which sets a fresh secret; the candidate was discarded.`);
    expect(settleRow(w, code).has_candidate).toBe(0);
    expect(await w.operation(reconcileCode)).toMatchObject({ type: 'reconcile', state: 'Scheduled', requester: 'admin' });

    await w.runUntilIdle();
    expect(await w.operation(reconcileCode)).toMatchObject({ state: 'Success', templateName: 'Linux - Reconcile password as root' });
    const secret = await secretOf(w, id);
    expect(secret).not.toBe('rex-initial-1');
    expect(await tryPasswordLogin(w.target, 'rex', secret)).toBe('accepted');
    const audit = await w.call('audit.list', { action: 'operation.settle' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ objectId: code, details: { credential: id, reconcile: reconcileCode } });
    // A second settle of the same change is refused: it is no longer Unverified.
    await expect(w.call('operation.settleByReconcile', { code })).rejects.toThrow(/CONFLICT/);
  });
});
