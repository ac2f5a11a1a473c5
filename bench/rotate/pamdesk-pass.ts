import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../main/core/create-core';
import { sshExecution } from '../../main/execution/ssh-execution';
import { silentLogger } from '../../main/logging/logger';
import type { BenchAccount, RotateProtocol, RotateTarget } from './protocol';

/** settings.runner.perDeviceConcurrency's ceiling: one server stands in for one device per this many accounts. */
const PER_DEVICE = 8;

export interface PassResult {
  readonly succeeded: number;
  readonly seconds: number;
  /** The first few operations that did not end in Success, with their messages. */
  readonly failures: readonly string[];
}

/**
 * One timed pass of pamdesk rotating every account through the real runner (write-ahead candidate,
 * the protocol's executor and template, fresh-login proof, compare-and-swap promotion, audit), in a
 * fresh vault. The clock runs from the request to the runner's idle: setting the vault up is not
 * timed. The settings allow at most 8 at once per device, so the server appears as one device per
 * 8 accounts (a fleet, as in production), and the global limit is the concurrency.
 */
export async function pamdeskPass(protocol: RotateProtocol, target: RotateTarget, accounts: readonly BenchAccount[], concurrency: number): Promise<PassResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pamdesk-bench-rotate-'));
  const core = createCore({
    dataDir,
    shell: 'cli',
    isTrustedSender: () => true,
    logger: silentLogger,
    execution: sshExecution(false, { pollMs: 50, triggerEveryMs: 60_000 }),
  });
  try {
    const call = async (channel: string, payload: unknown): Promise<never> => {
      const result = await core.router.handle({ kind: 'cli' }, channel, payload);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value as never;
    };
    await call('vault.create', { username: 'bench', passphrase: 'bench rotate passphrase' });
    await core.settings.update({ runner: { ...core.settings.read().runner, globalConcurrency: concurrency, perDeviceConcurrency: Math.min(concurrency, PER_DEVICE) } });
    if (protocol.template.save) {
      await call('template.save', { input: { name: protocol.template.name, executor: protocol.template.save.executor, operation_type: 'change_password', active: true, variables: [], body: protocol.template.save.body } });
    }
    const devices = Math.max(1, Math.ceil(accounts.length / PER_DEVICE));
    for (let d = 0; d < devices; d += 1) {
      const device = (await call('device.upsert', { hostname: `bench-target-${d}`, ip: target.host, connectivities: target.connectivities, type: 'Server', vendor: 'Debian' })) as { id: number };
      if (target.pin !== null) await call('device.trustHostKey', { deviceId: device.id, ...target.pin });
    }
    const ids: number[] = [];
    for (const [i, account] of accounts.entries()) {
      await call('credential.upsert', {
        identifier: `bench-${account.username}`,
        username: target.loginName(account.username),
        hostname: `bench-target-${i % devices}`,
        ip: target.host,
        content: account.password,
        execution_settings: { automatic_change: true, change_plugin: protocol.plugin, change_template: protocol.template.name, use_own_credential_to_connect: true },
      });
      ids.push(((await call('credential.get', { ref: `bench-${account.username}` })) as { id: number }).id);
    }
    const start = performance.now();
    await call('operation.requestChange', { credentialIds: ids });
    await core.runnerHost?.runner?.runUntilIdle();
    const seconds = (performance.now() - start) / 1000;
    const succeeded = ((await call('operation.list', { limit: 1, states: ['Success'] })) as { total: number }).total;
    const others = (await call('operation.list', { limit: 3, states: ['Error', 'Unverified', 'Scheduled', 'Running'] })) as { rows: { code: string; state: string; message: string | null }[] };
    const failures = others.rows.map((op) => `${op.code} ${op.state}: ${op.message ?? ''}`);
    return { succeeded, seconds, failures };
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
