import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../main/core/create-core';
import { silentLogger } from '../../../main/logging/logger';
import { startLinuxTarget } from '../../support/targets/linux-sshd';
import { tryPasswordLogin } from '../../support/targets/try-password-login';
import { useTempDirs } from '../../support/temp-dir';
import { absentKeyStore } from '../../support/test-core';

const tempDir = useTempDirs();
const PASSPHRASE = 'sigkill wedge admin passphrase';
const FIXTURE = join(import.meta.dirname, 'fixtures', 'crashing-runner.ts');

/** Runs one real runner process; resolves with how it ended and what it wrote to stderr. */
function runRunner(dataDir: string, env: Record<string, string>): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
      env: { ...process.env, PAMDESK_DATA_DIR: dataDir, PAMDESK_PASSPHRASE: PASSPHRASE, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const limit = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(limit);
      resolve({ code, signal, stderr });
    });
  });
}

describe('a runner killed while an attempt wedges', () => {
  it('is recovered by the next runner without an unhandled rejection: the broken change ends in Error, the device serves the next one', async () => {
    const target = await startLinuxTarget({ accounts: [{ username: 'w1', password: 'w1-initial-pw' }, { username: 'w2', password: 'w2-initial-pw' }], rootPassword: 'root-wedge-pw' });
    const dataDir = tempDir();
    const window = { kind: 'cli' } as const;
    const core = createCore({ dataDir, shell: 'cli', isTrustedSender: () => true, logger: silentLogger, keyStore: absentKeyStore });
    const call = async (channel: string, payload: unknown) => {
      const result = await core.router.handle(window, channel, payload);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value as never;
    };
    const unlock = async () => expect((await core.router.handle(window, 'session.unlock', { username: 'admin', passphrase: PASSPHRASE })).ok).toBe(true);
    try {
      await call('vault.create', { username: 'admin', passphrase: PASSPHRASE });
      core.settings.update({ runner: { ...core.settings.read().runner, intervalMinutes: 0, attempts: 3, perDeviceConcurrency: 1 } });
      const device = (await call('device.upsert', { hostname: 'wedge-target', ip: target.host, connectivities: `SSH:${target.port}` })) as { id: number };
      await call('device.trustHostKey', { deviceId: device.id, fingerprint: target.hostKeyFingerprint });
      const upsert = (username: string, content: string, settings: Record<string, unknown>) =>
        call('credential.upsert', { identifier: `wedge-${username}`, username, hostname: 'wedge-target', ip: target.host, content, execution_settings: { automatic_change: true, change_plugin: 'SSH', ...settings } });
      await upsert('root', 'root-wedge-pw', { change_template: 'Linux - Change own password', use_own_credential_to_connect: true });
      await upsert('w1', 'w1-initial-pw', { change_template: 'Linux - Change password as root', use_own_credential_to_connect: false, authentication_credential: 'wedge-root' });
      await upsert('w2', 'w2-initial-pw', { change_template: 'Linux - Change own password', use_own_credential_to_connect: true });
      const w1 = ((await call('credential.get', { ref: 'wedge-w1' })) as { id: number }).id;
      const w2 = ((await call('credential.get', { ref: 'wedge-w2' })) as { id: number }).id;
      // The authentication credential disappears after save.
      core.sessions.vault().database.driver.prepare("DELETE FROM credentials WHERE identifier = 'wedge-root'").run();
      const code = ((await call('operation.requestChange', { credentialIds: [w1] })) as { scheduled: { code: string }[] }).scheduled[0]?.code ?? '';
      await core.close();

      // Killed as it takes the operation, then again with its candidate stored (the target may hold it).
      for (const point of ['claimed', 'candidate-stored']) {
        const killed = await runRunner(dataDir, { CRASH_AT: point });
        expect(killed.signal).toBe('SIGKILL');
      }
      const clean = await runRunner(dataDir, {});
      expect(clean.code).toBe(0);
      expect(clean.stderr).not.toMatch(/unhandled_rejection|uncaught_exception/);

      await unlock();
      const op = (await call('operation.get', { code })) as { state: string; message: string };
      expect(op.state).toBe('Error');
      expect(op.message).toMatch(/authentication credential "wedge-root".*not in the vault/);
      expect(await tryPasswordLogin(target, 'w1', 'w1-initial-pw')).toBe('accepted');
      const next = ((await call('operation.requestChange', { credentialIds: [w2] })) as { scheduled: { code: string }[] }).scheduled[0]?.code ?? '';
      await core.close();
      expect((await runRunner(dataDir, {})).code).toBe(0);
      await unlock();
      expect(((await call('operation.get', { code: next })) as { state: string }).state).toBe('Success');
      const { secret } = (await call('credential.reveal', { id: w2, purpose: 'view' })) as { secret: string };
      expect(await tryPasswordLogin(target, 'w2', secret)).toBe('accepted');
    } finally {
      await core.close();
      await target.stop();
    }
  }, 300_000);
});
