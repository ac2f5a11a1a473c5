import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, startRunnerWorld } from '../../support/runner-world';
import { tryPasswordLogin } from '../../support/targets/try-password-login';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const FIXTURE = join(import.meta.dirname, 'fixtures', 'crashing-runner.ts');

function runnerProcess(dataDir: string, goFile: string, onReady: () => void): Promise<number | null> {
  return new Promise((resolve, reject) => {
    // One operation at a time per process, two vault-wide: both processes always hold work, so the
    // race for the queue is real rather than left to timing.
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
      env: { ...process.env, PAMDESK_DATA_DIR: dataDir, PAMDESK_PASSPHRASE: ADMIN.passphrase, GO_FILE: goFile, MAX_IN_FLIGHT: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) onReady();
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const limit = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(limit);
      if (code !== 0) reject(new Error(`runner exited ${String(code)}: ${stderr}`));
      else resolve(code);
    });
  });
}

describe('several runner processes on one vault', () => {
  it('never run the same operation twice', async () => {
    const dataDir = tempDir();
    // Enough work that the second process joins while the first is still draining the queue.
    const accounts = Array.from({ length: 20 }, (_, i) => `p${i}`);
    const world = await startRunnerWorld(dataDir, accounts.map((username) => ({ username, password: `${username}-initial` })));
    try {
      world.core.settings.update({ runner: { ...world.core.settings.read().runner, perDeviceConcurrency: 2, globalConcurrency: 2 } });
      const ids: number[] = [];
      for (const username of accounts) ids.push(await world.addCredential(username, `${username}-initial`));
      const request = await world.call('operation.requestChange', { credentialIds: ids });
      expect(request.scheduled).toHaveLength(accounts.length);
      await world.call('session.lock', {});

      // Two real processes race for the same queue, released together once both are signed in.
      const goFile = join(tempDir(), 'go');
      let ready = 0;
      const release = () => {
        ready++;
        if (ready === 2) writeFileSync(goFile, 'go');
      };
      await Promise.all([runnerProcess(dataDir, goFile, release), runnerProcess(dataDir, goFile, release)]);

      await world.call('session.unlock', ADMIN);
      const driver = world.core.sessions.vault().database.driver;
      const attempts = driver.prepare('SELECT operation_id, count(*) AS n, group_concat(DISTINCT runner) AS runners FROM attempts GROUP BY operation_id').all() as { operation_id: number; n: number; runners: string }[];
      expect(attempts).toHaveLength(accounts.length);
      for (const row of attempts) expect(row.n, `operation ${row.operation_id} ran ${row.n} times`).toBe(1);
      const runnersSeen = new Set(attempts.map((row) => row.runners.split(':').slice(0, 2).join(':')));
      console.log(`two runner processes: ${attempts.length} operations, each run once, by ${runnersSeen.size} process(es)`);
      expect(runnersSeen.size).toBe(2);
      expect((await world.call('operation.list', { states: ['Success'] })).total).toBe(accounts.length);
      for (const [index, id] of ids.entries()) {
        const { secret } = await world.call('credential.reveal', { id, purpose: 'view' });
        expect(await tryPasswordLogin(world.target, accounts[index] ?? '', secret)).toBe('accepted');
      }
    } finally {
      await world.close();
    }
  });
});
