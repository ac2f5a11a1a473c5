import { describe, expect, it } from 'vitest';
import type { Sender } from '../../../main/ipc/sender';
import { ADMIN, startRunnerWorld } from '../../support/runner-world';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const WINDOW: Sender = { kind: 'electron', webContentsId: 1, frameUrl: 'app://pamdesk/' };
const AUDREY = { username: 'audrey', passphrase: 'audrey passphrase long' } as const;

describe('the runner and keys per role', () => {
  it('claims nothing while only an auditor is signed in (queued work waits, it does not fail), and runs it once an administrator is back', async () => {
    const world = await startRunnerWorld(tempDir(), [{ username: 'kp1', password: 'kp1-initial-pw' }]);
    try {
      await world.call('user.add', { ...AUDREY, role: 'auditor' });
      const id = await world.addCredential('kp1', 'kp1-initial-pw');
      const code = (await world.call('operation.requestVerify', { credentialIds: [id] })).scheduled[0]?.code ?? '';
      await world.call('session.lock', {});
      const auditor = await world.core.router.handle(WINDOW, 'session.unlock', { ...AUDREY, remember: false });
      expect(auditor.ok).toBe(true);
      expect(world.core.sessions.vault().fields.holdsSecrets).toBe(false);
      const before = (await world.call('operation.get', { code })).state;
      await world.runUntilIdle();
      expect((await world.call('operation.get', { code })).state).toBe(before);

      await world.call('session.lock', {});
      await world.core.router.handle(WINDOW, 'session.unlock', { ...ADMIN, remember: false });
      await world.runUntilIdle();
      expect((await world.call('operation.get', { code })).state).toBe('Success');
    } finally {
      await world.close();
    }
  }, 120_000);
});
