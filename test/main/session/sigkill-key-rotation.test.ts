import { spawn } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROTATION_CHECKPOINTS } from '../../../main/session/rotate-vault-keys';
import { readKeyFile } from '../../../main/vault/keys/key-file';
import type { ChannelName, ChannelRequest } from '../../../shared/contract/channels';
import { useTempDirs } from '../../support/temp-dir';
import { testCore, WINDOW_A } from '../../support/test-core';

const tempDir = useTempDirs();
const FIXTURE = join(import.meta.dirname, 'fixtures', 'rotating-child.ts');
const PASSPHRASES = { admin: 'rotation admin passphrase', olga: 'rotation operator passphrase', audrey: 'rotation auditor passphrase' } as const;
const SECRETS = ['first-secret-A1!', 'second-secret-B2@', 'third-secret-C3#'];

/** One rotating process; killed at CRASH_AT by itself, or from outside `killAfterMs` after it starts rotating. */
function rotateInChild(dataDir: string, env: Record<string, string>, killAfterMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
      env: { ...process.env, PAMDESK_DATA_DIR: dataDir, PAMDESK_PASSPHRASE: PASSPHRASES.admin, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      if (killAfterMs !== undefined && timer === undefined && chunk.toString().includes('rotating')) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    const limit = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(limit);
      if (code !== 0 && signal === null) reject(new Error(`rotating process exited ${code}: ${stderr}`));
      else resolve({ code, signal });
    });
  });
}

async function withCore<T>(dataDir: string, work: (call: <C extends ChannelName>(channel: C, payload: ChannelRequest<C>) => Promise<never>) => Promise<T>): Promise<T> {
  const core = testCore(dataDir);
  const call = async <C extends ChannelName>(channel: C, payload: ChannelRequest<C>) => {
    const result = await core.call(WINDOW_A, channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as never;
  };
  try {
    return await work(call);
  } finally {
    await core.close();
  }
}

async function baselineVault(): Promise<{ dataDir: string; ids: number[] }> {
  const dataDir = tempDir();
  const ids = await withCore(dataDir, async (call) => {
    await call('vault.create', { username: 'admin', passphrase: PASSPHRASES.admin });
    await call('user.add', { username: 'olga', role: 'operator', passphrase: PASSPHRASES.olga });
    await call('user.add', { username: 'audrey', role: 'auditor', passphrase: PASSPHRASES.audrey });
    await call('device.upsert', { hostname: 'h1', ip: '10.0.0.1' });
    const found: number[] = [];
    for (const [index, secret] of SECRETS.entries()) {
      await call('credential.upsert', { username: `user${index}`, hostname: 'h1', ip: '10.0.0.1', content: secret, identifier: `c${index}` });
      found.push(((await call('credential.get', { ref: `c${index}` })) as { id: number }).id);
    }
    return found;
  });
  return { dataDir, ids };
}

/** The vault opens for every user with one of the two generations, every secret decrypts, the trail verifies, and a rotation runs again. */
async function assertOpenable(dataDir: string, ids: readonly number[]): Promise<number> {
  const file = await readKeyFile(dataDir);
  expect(file.slots).toHaveLength(3);
  return withCore(dataDir, async (call) => {
    for (const username of ['audrey', 'olga', 'admin'] as const) {
      await call('session.unlock', { username, passphrase: PASSPHRASES[username], remember: false });
      if (username !== 'audrey') {
        for (const [index, id] of ids.entries()) expect(((await call('credential.reveal', { id, purpose: 'view' })) as { secret: string }).secret).toBe(SECRETS[index]);
      }
      if (username !== 'admin') await call('session.lock', {});
    }
    expect(await call('audit.verify', {})).toMatchObject({ ok: true });
    const again = (await call('vault.rotateKeys', {})) as { generation: number };
    for (const [index, id] of ids.entries()) expect(((await call('credential.reveal', { id, purpose: 'view' })) as { secret: string }).secret).toBe(SECRETS[index]);
    expect(await call('audit.verify', {})).toMatchObject({ ok: true });
    return again.generation - 1;
  });
}

describe('crash-safe key rotation', () => {
  it('leaves a vault that opens with the old or the new keys, whichever step or instant the rotating process is killed at', async () => {
    const baseline = await baselineVault();
    const generations: Record<string, number> = {};
    for (const checkpoint of ROTATION_CHECKPOINTS) {
      const dataDir = tempDir();
      cpSync(baseline.dataDir, dataDir, { recursive: true });
      const outcome = await rotateInChild(dataDir, { CRASH_AT: checkpoint });
      expect(outcome.signal, checkpoint).toBe('SIGKILL');
      generations[checkpoint] = await assertOpenable(dataDir, baseline.ids);
    }
    // Before the swap the database is still the old generation's; from the swap on, the new one's.
    expect(generations).toEqual({ copied: 1, rekeyed: 1, resealed: 1, 'key-file-both': 1, swapped: 2, done: 2 });
    let killed = 0;
    for (const delay of [40, 120, 250, 400, 700]) {
      const dataDir = tempDir();
      cpSync(baseline.dataDir, dataDir, { recursive: true });
      const outcome = await rotateInChild(dataDir, {}, delay + Math.floor(Math.random() * 60));
      if (outcome.signal === 'SIGKILL') killed += 1;
      expect([1, 2]).toContain(await assertOpenable(dataDir, baseline.ids));
    }
    console.log(`key rotation SIGKILL test: ${ROTATION_CHECKPOINTS.length} checkpoints, ${killed} of 5 timed kills hit the process before it exited`);
  }, 600_000);
});
