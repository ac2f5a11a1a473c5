// bench/rotate: rotations per second through pamdesk (vault + runner + template + SSH executor with
// write-ahead and fresh-login proof) against a real sshd, next to the floor: the same number of bare
// ssh2 runs of login + passwd + fresh login at the same concurrency.
// Run: node --import tsx bench/rotate/run.ts [accounts=100] [concurrency=8]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../main/core/create-core';
import { sshExecution } from '../../main/execution/ssh-execution';
import { silentLogger } from '../../main/logging/logger';
import { startLinuxTarget } from '../../test/support/targets/linux-sshd';
import { bareRotation } from './bare-ssh2';

const accounts = Number(process.argv[2] ?? 100);
const concurrency = Number(process.argv[3] ?? 8);
const names = Array.from({ length: accounts }, (_, i) => `rot${i}`);
const target = await startLinuxTarget({ accounts: names.map((username) => ({ username, password: `${username}-start-pw` })) });
const dataDir = mkdtempSync(join(tmpdir(), 'pamdesk-bench-rotate-'));

async function withLimit<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const item = items[next++];
        if (item !== undefined) await work(item);
      }
    }),
  );
}

try {
  // Floor first, then put the accounts back where pamdesk expects them.
  const floorStart = performance.now();
  await withLimit(names, concurrency, (name) => bareRotation(target.host, target.port, name, `${name}-start-pw`, `${name}-floor-pw`));
  const floorSeconds = (performance.now() - floorStart) / 1000;
  await withLimit(names, concurrency, (name) => bareRotation(target.host, target.port, name, `${name}-floor-pw`, `${name}-start-pw`));

  const core = createCore({
    dataDir,
    shell: 'cli',
    isTrustedSender: () => true,
    logger: silentLogger,
    execution: sshExecution(false, { pollMs: 50, triggerEveryMs: 60_000 }),
  });
  const call = async (channel: string, payload: unknown) => {
    const result = await core.router.handle({ kind: 'cli' }, channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as never;
  };
  await call('vault.create', { username: 'bench', passphrase: 'bench rotate passphrase' });
  core.settings.update({ runner: { ...core.settings.read().runner, globalConcurrency: concurrency, perDeviceConcurrency: concurrency } });
  const device = (await call('device.upsert', { hostname: 'bench-target', ip: target.host, connectivities: `SSH:${target.port}` })) as { id: number };
  await call('device.trustHostKey', { deviceId: device.id, fingerprint: target.hostKeyFingerprint });
  const ids: number[] = [];
  for (const name of names) {
    await call('credential.upsert', {
      identifier: `bench-${name}`,
      username: name,
      hostname: 'bench-target',
      ip: target.host,
      content: `${name}-start-pw`,
      execution_settings: { automatic_change: true, change_plugin: 'SSH', change_template: 'Linux - Change own password', use_own_credential_to_connect: true },
    });
    ids.push(((await call('credential.get', { ref: `bench-${name}` })) as { id: number }).id);
  }
  await call('operation.requestChange', { credentialIds: ids });
  const start = performance.now();
  await core.runnerHost?.runner?.runUntilIdle();
  const seconds = (performance.now() - start) / 1000;
  const page = (await call('operation.list', { limit: 500, states: ['Success'] })) as { total: number };
  await core.close();

  console.log(`bench/rotate: ${accounts} accounts on one real sshd, concurrency ${concurrency}`);
  console.log(`  pamdesk   ${(page.total / seconds).toFixed(2)} rotations/s  (${page.total} Success in ${seconds.toFixed(1)} s)`);
  console.log(`  floor     ${(accounts / floorSeconds).toFixed(2)} rotations/s  (bare ssh2 login + passwd + fresh login, ${floorSeconds.toFixed(1)} s)`);
  console.log(`  ratio     ${((page.total / seconds) / (accounts / floorSeconds) * 100).toFixed(0)}% of the floor`);
} finally {
  await target.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
