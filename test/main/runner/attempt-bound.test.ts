import { afterEach, describe, expect, it } from 'vitest';
import type { ExecutionPort } from '../../../main/runner/ports';
import { startRunnerWorld, type RunnerWorld } from '../../support/runner-world';
import { tryPasswordLogin } from '../../support/targets/try-password-login';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
let world: RunnerWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('an attempt that outlives its bound', () => {
  it('stops being renewed, so recovery takes the operation over and the device is not blocked forever', async () => {
    let wedgeNext = true;
    const BOUND_MS = 1_500;
    world = await startRunnerWorld(tempDir(), [{ username: 'liv', password: 'liv-initial-1' }], {
      // The real SSH port, except that the first run never returns and ignores its abort signal:
      // a stand-in for a bug (a driver call that never settles). Its bound is made short.
      wrapPort: (port: ExecutionPort): ExecutionPort => ({
        ...port,
        attemptBoundMs: async (type, credential) => (wedgeNext ? BOUND_MS : port.attemptBoundMs(type, credential)),
        run: (request) => {
          if (!wedgeNext) return port.run(request);
          wedgeNext = false;
          return new Promise(() => undefined);
        },
      }),
    });
    world.core.settings.update({ runner: { ...world.core.settings.read().runner, perDeviceConcurrency: 1, attempts: 3 } });
    const id = await world.addCredential('liv', 'liv-initial-1');
    const code = (await world.call('operation.requestChange', { credentialIds: [id] })).scheduled[0]?.code ?? '';
    const started = Date.now();
    await world.runUntilIdle();
    // Bound (1.5 s) + one lease (5 s) until renewal stops, then the lease lapses: well under 20 s.
    expect(Date.now() - started).toBeLessThan(20_000);
    const op = await world.operation(code);
    expect(op.state).toBe('Success');
    const attempts = await world.call('operation.attempts', { code });
    expect(attempts.map((a) => a.outcome)).toEqual(['error', 'success']);
    expect(attempts[0]?.error).toMatch(/outlived its time bound/);
    expect(await tryPasswordLogin(world.target, 'liv', (await world.call('credential.reveal', { id, purpose: 'view' })).secret)).toBe('accepted');
  }, 60_000);

  it('is bounded by its template: timeouts of every wait plus the proof logins', async () => {
    world = await startRunnerWorld(tempDir(), [{ username: 'max', password: 'max-initial-1' }]);
    const id = await world.addCredential('max', 'max-initial-1');
    const vault = world.core.sessions.vault();
    const { createSshExecutionPort } = await import('../../../main/execution/ssh-execution-port');
    const port = createSshExecutionPort(vault.database.db, vault.fields);
    const credential = { id, identifier: 'target-max', username: 'max', kind: 'password' as const, deviceId: world.deviceId, version: 1 };
    // "Linux - Change own password": connect 10 s + login 15 s + 1 s, seven waits of 15 s; two proof
    // logins of 5 + 15 + 1 s each.
    expect(await port.attemptBoundMs('change_password', credential)).toBe(26_000 + 7 * 15_000 + 2 * 21_000);
    expect(await port.attemptBoundMs('verify', credential)).toBe(3 * 21_000);
  });
});
