import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../main/core/create-core';
import { silentLogger } from '../../../main/logging/logger';
import type { CrashPoint } from '../../../main/runner/runner-deps';
import { tryTelnetLogin } from '../../../main/executors/telnet/try-telnet-login';
import { BUILTIN_TEMPLATES, readBuiltinTemplate } from '../../../main/templates/builtin/builtin-templates';
import { startLinuxTarget, type LinuxTarget } from '../../support/targets/linux-sshd';
import { isMariadbInstalled, MARIADB_SKIP_REASON, startMariadb } from '../../support/targets/mariadb';
import { isPostgresInstalled, POSTGRES_SKIP_REASON, startPostgres } from '../../support/targets/postgres';
import { isTelnetdInstalled, startTelnetd, TELNETD_SKIP_REASON } from '../../support/targets/linux-telnetd';
import { isSlapdInstalled, SLAPD_SKIP_REASON, startSlapd } from '../../support/targets/slapd';
import { tryPasswordLogin } from '../../support/targets/try-password-login';
import { needsTool, type ToolGate } from '../../support/needs-tool';
import { useTempDirs } from '../../support/temp-dir';
import { absentKeyStore } from '../../support/test-core';

const tempDir = useTempDirs();
const PASSPHRASE = 'sigkill test admin passphrase';
const FIXTURE = join(import.meta.dirname, 'fixtures', 'crashing-runner.ts');
const ACCOUNTS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'];
const CRASH_POINTS: readonly CrashPoint[] = ['claimed', 'candidate-stored', 'template-ran', 'candidate-verified', 'promoted'];

/** Runs one runner process; `killAfterMs` kills it from outside at that moment (if still alive). */
function runRunner(dataDir: string, env: Record<string, string>, killAfterMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
      env: { ...process.env, PAMDESK_DATA_DIR: dataDir, PAMDESK_PASSPHRASE: PASSPHRASE, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    const limit = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(limit);
      if (code !== 0 && signal === null) reject(new Error(`runner exited ${code}: ${stderr}`));
      else resolve({ code, signal });
    });
  });
}

/**
 * One executor's world: where its device listens, the template the credentials name, and how a
 * fresh login is tried. The protocol under test is the runner's, the same for every executor.
 */
interface ExecutorCase {
  readonly plugin: 'SSH' | 'Telnet' | 'PostgreSQL' | 'MySQL' | 'LDAP';
  readonly gate: ToolGate;
  readonly template: string;
  start(target: LinuxTarget): Promise<{
    connectivities: string;
    login: (username: string, password: string) => Promise<string>;
    stop: () => Promise<void>;
    /** The credential's username for an account, when the executor names accounts otherwise (an LDAP DN). */
    credentialUsername?: (username: string) => string;
    /** A TLS certificate to trust for the protocol, besides the SSH host key. */
    certificate?: { readonly protocol: string; readonly fingerprint: string };
  }>;
}

const CASES: readonly ExecutorCase[] = [
  {
    plugin: 'SSH',
    gate: needsTool(true, ''),
    template: 'Linux - Change own password',
    start: async (target) => ({ connectivities: `SSH:${target.port}`, login: (username, password) => tryPasswordLogin(target, username, password), stop: async () => {} }),
  },
  {
    plugin: 'Telnet',
    gate: needsTool(isTelnetdInstalled(), TELNETD_SKIP_REASON),
    template: 'Linux (Telnet) - Change own password',
    start: async (target) => {
      const telnet = await startTelnetd(target);
      return { connectivities: `Telnet:${telnet.port}`, login: (username, password) => tryTelnetLogin(telnet, { username, password }), stop: () => telnet.stop() };
    },
  },
  // Database servers on the same loopback address as the Linux target (whose sshd they ignore), with the same accounts.
  {
    plugin: 'PostgreSQL',
    gate: needsTool(isPostgresInstalled(), POSTGRES_SKIP_REASON),
    template: 'PostgreSQL - Change own password',
    start: async () => {
      const server = await startPostgres(ACCOUNTS.map((username) => ({ username, password: `${username}-initial-pw` })));
      return { connectivities: `PostgreSQL:${server.port}`, login: (username, password) => server.login(username, password), stop: () => server.stop() };
    },
  },
  {
    plugin: 'MySQL',
    gate: needsTool(isMariadbInstalled(), MARIADB_SKIP_REASON),
    template: 'MySQL - Change own password',
    start: async () => {
      const server = await startMariadb(ACCOUNTS.map((username) => ({ username, password: `${username}-initial-pw` })));
      return { connectivities: `MySQL:${server.port}`, login: (username, password) => server.login(username, password), stop: () => server.stop() };
    },
  },
  {
    // The same accounts in a real slapd on 127.0.0.1, reached over LDAPS with its certificate pinned.
    plugin: 'LDAP',
    gate: needsTool(isSlapdInstalled(), SLAPD_SKIP_REASON),
    template: 'OpenLDAP - Change own password',
    start: async () => {
      const slapd = await startSlapd({ accounts: ACCOUNTS.map((cn) => ({ cn, password: `${cn}-initial-pw` })) });
      return {
        connectivities: `LDAPS:${slapd.ldapsPort}`,
        login: async (username, password) => ((await slapd.canBind(slapd.dnOf(username), password)) ? 'accepted' : 'rejected'),
        stop: () => slapd.stop(),
        credentialUsername: (username) => slapd.dnOf(username),
        certificate: { protocol: 'LDAP', fingerprint: slapd.fingerprint },
      };
    },
  },
];

describe.each(CASES)('crash-safe rotation through the $plugin executor', (executor) => {
  it.skipIf(executor.gate.skip)(executor.gate.title('leaves every credential with a vault secret that logs in, whatever instant the runner is killed at'), async () => {
    const target = await startLinuxTarget({ accounts: ACCOUNTS.map((username) => ({ username, password: `${username}-initial-pw` })) });
    const reach = await executor.start(target);
    const dataDir = tempDir();
    const window = { kind: 'cli' } as const;
    const core = createCore({ dataDir, shell: 'cli', isTrustedSender: () => true, logger: silentLogger, keyStore: absentKeyStore });
    const call = async (channel: string, payload: unknown) => {
      const result = await core.router.handle(window, channel, payload);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value as never;
    };
    try {
      await call('vault.create', { username: 'admin', passphrase: PASSPHRASE });
      core.settings.update({ runner: { ...core.settings.read().runner, intervalMinutes: 0, attempts: 3 } });
      const device = (await call('device.upsert', { hostname: 'crash-target', ip: target.host, connectivities: reach.connectivities })) as { id: number };
      await call('device.trustHostKey', { deviceId: device.id, fingerprint: target.hostKeyFingerprint });
      if (reach.certificate) await call('device.trustHostKey', { deviceId: device.id, ...reach.certificate });
      if (executor.plugin === 'Telnet') {
        // Telnet templates are written in the same language: the SSH built-in's text, saved for Telnet.
        const source = BUILTIN_TEMPLATES.find((t) => t.name === 'Linux - Change own password');
        if (source === undefined) throw new Error('no built-in Linux - Change own password');
        await call('template.save', { input: { name: executor.template, executor: 'telnet', operation_type: 'change_password', active: true, variables: [], body: readBuiltinTemplate(source) } });
      }
      const ids: number[] = [];
      for (const username of ACCOUNTS) {
        await call('credential.upsert', {
          identifier: `crash-${username}`,
          username: reach.credentialUsername?.(username) ?? username,
          hostname: 'crash-target',
          ip: target.host,
          content: `${username}-initial-pw`,
          execution_settings: { automatic_change: true, change_plugin: executor.plugin, change_template: executor.template, use_own_credential_to_connect: true },
        });
        ids.push(((await call('credential.get', { ref: `crash-${username}` })) as { id: number }).id);
      }
      await core.close();

      const requestAll = async () => {
        const session = await core.router.handle(window, 'session.unlock', { username: 'admin', passphrase: PASSPHRASE });
        expect(session.ok).toBe(true);
        await call('operation.requestChange', { credentialIds: ids });
        await core.close();
      };

      let kills = 0;
      // Named points of the crash-safe path, each hit by a real process that kills itself there.
      for (const point of CRASH_POINTS) {
        await requestAll();
        const outcome = await runRunner(dataDir, { CRASH_AT: point });
        if (outcome.signal === 'SIGKILL') kills++;
      }
      // And arbitrary instants, from outside.
      for (const afterMs of [700, 1_300, 1_900, 2_600, 3_400]) {
        await requestAll();
        const outcome = await runRunner(dataDir, {}, afterMs);
        if (outcome.signal === 'SIGKILL') kills++;
      }
      // A clean runner recovers whatever the dead ones left and finishes the queue.
      expect((await runRunner(dataDir, {})).code).toBe(0);
      expect(kills).toBeGreaterThanOrEqual(CRASH_POINTS.length);

      const session = await core.router.handle(window, 'session.unlock', { username: 'admin', passphrase: PASSPHRASE });
      expect(session.ok).toBe(true);
      const failing: string[] = [];
      for (const [index, id] of ids.entries()) {
        const { secret } = (await call('credential.reveal', { id, purpose: 'view' })) as { secret: string };
        const username = ACCOUNTS[index] ?? '';
        if ((await reach.login(username, secret)) !== 'accepted') failing.push(username);
      }
      const operations = (await call('operation.list', { limit: 500 })) as { rows: { state: string }[] };
      const states = operations.rows.map((op) => op.state);
      console.log(`SIGKILL test (${executor.plugin}): ${kills} kills, ${operations.rows.length} operations, states ${JSON.stringify(countBy(states))}, failing logins ${failing.length}`);
      expect(failing).toEqual([]);
      expect(states).not.toContain('Running');
      expect(states).toContain('Success');
    } finally {
      await core.close();
      await reach.stop();
      await target.stop();
    }
  }, 600_000);
});

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
