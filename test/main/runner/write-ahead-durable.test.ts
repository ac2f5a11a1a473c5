import { hostname } from 'node:os';
import type Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { openCandidate } from '../../../main/runner/operation-candidate';
import type { ExecutionPort } from '../../../main/runner/ports';
import { openKeyedDriver } from '../../../main/vault/database/open-vault-database';
import { databaseKeyOf } from '../../../main/vault/keys/key-generation';
import { startRunnerWorld, type RunnerWorld } from '../../support/runner-world';
import { tryPasswordLogin } from '../../support/targets/try-password-login';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
let world: RunnerWorld | undefined;
let other: Database.Database | undefined;
afterEach(async () => {
  other?.close();
  other = undefined;
  await world?.close();
  world = undefined;
});

const ACCOUNTS = ['wa1', 'wa2', 'wa3', 'wa4'];
/** synchronous = FULL: a commit is on disk when it returns. */
const FULL = 2;

describe('the write-ahead, shared by a wave of attempts', () => {
  it('is committed, on disk, before each target is touched: another connection already reads every candidate that reaches a device', async () => {
    const seen: { operationId: number; committed: boolean; synchronous: number }[] = [];
    world = await startRunnerWorld(
      tempDir(),
      ACCOUNTS.map((username) => ({ username, password: `${username}-initial-1` })),
      {
        // The real SSH port; before it touches the device, a second connection (another process's
        // view of the file) must find this very candidate committed on the operation.
        wrapPort: (port: ExecutionPort): ExecutionPort => ({
          ...port,
          run: (request) => {
            if (request.newSecret !== null && world) {
              const vault = world.core.sessions.vault();
              other ??= openKeyedDriver(vault.database.path, databaseKeyOf(vault.keys.current));
              const row = other.prepare('SELECT candidate_secret, candidate_sent FROM operations WHERE id = ?').get(request.operationId) as { candidate_secret: Buffer | null; candidate_sent: number };
              const committed = row.candidate_sent === 1 && row.candidate_secret !== null && openCandidate(vault.fields, request.operationId, row.candidate_secret) === request.newSecret;
              seen.push({ operationId: request.operationId, committed, synchronous: vault.database.driver.pragma('synchronous', { simple: true }) as number });
            }
            return port.run(request);
          },
        }),
      },
    );
    // All four at once on one device: their write-aheads share one commit.
    world.core.settings.update({ runner: { ...world.core.settings.read().runner, perDeviceConcurrency: 4, globalConcurrency: 8 } });
    const ids: number[] = [];
    for (const username of ACCOUNTS) ids.push(await world.addCredential(username, `${username}-initial-1`));
    const codes = (await world.call('operation.requestChange', { credentialIds: ids })).scheduled.map((s) => s.code);
    await world.runUntilIdle();

    expect(seen).toHaveLength(ACCOUNTS.length);
    expect(seen.every((s) => s.committed)).toBe(true);
    // The vault's connection commits with FULL (the deferred claim restores it after its own commit).
    expect(seen.every((s) => s.synchronous >= FULL)).toBe(true);
    for (const [index, id] of ids.entries()) {
      expect((await world.operation(codes[index] ?? '')).state).toBe('Success');
      const { secret } = await world.call('credential.reveal', { id, purpose: 'view' });
      expect(await tryPasswordLogin(world.target, ACCOUNTS[index] ?? '', secret)).toBe('accepted');
    }
  }, 120_000);

  it('is refused when the operation is no longer this runner’s, and then nothing is sent', async () => {
    let stolen = false;
    let runs = 0;
    world = await startRunnerWorld(tempDir(), [{ username: 'wz', password: 'wz-initial-1' }], {
      // Between the claim and the write-ahead, the lease passes to a runner that is gone (as when
      // recovery takes an operation over): the old holder must not put its candidate on the target.
      checkpoint: (name) => {
        if (name !== 'claimed' || stolen || !world) return;
        stolen = true;
        world.core.sessions.vault().database.driver.prepare("UPDATE operations SET lease_owner = ? WHERE state = 'Running'").run(`${hostname()}:gone:test`);
      },
      wrapPort: (port: ExecutionPort): ExecutionPort => ({
        ...port,
        run: (request) => {
          runs++;
          return port.run(request);
        },
      }),
    });
    const id = await world.addCredential('wz', 'wz-initial-1');
    const code = (await world.call('operation.requestChange', { credentialIds: [id] })).scheduled[0]?.code ?? '';
    await world.runUntilIdle();

    expect(stolen).toBe(true);
    // Recovery found no candidate sent, so the operation was simply tried again: one run in all.
    expect(runs).toBe(1);
    expect((await world.call('operation.attempts', { code })).map((a) => a.outcome)).toEqual(['interrupted', 'success']);
    expect((await world.operation(code)).state).toBe('Success');
    const { secret } = await world.call('credential.reveal', { id, purpose: 'view' });
    expect(await tryPasswordLogin(world.target, 'wz', secret)).toBe('accepted');
  }, 120_000);
});
