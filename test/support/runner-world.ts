import { createCore, type Core } from '../../main/core/create-core';
import { sshExecution } from '../../main/execution/ssh-execution';
import type { Sender } from '../../main/ipc/sender';
import { silentLogger } from '../../main/logging/logger';
import type { ExecutionPort } from '../../main/runner/ports';
import type { CrashPoint } from '../../main/runner/runner-deps';
import type { ChannelName, ChannelRequest, ChannelResponse } from '../../shared/contract/channels';
import type { OperationView } from '../../shared/contract/operation-channels';
import { startLinuxTarget, type LinuxAccount, type LinuxTarget } from './targets/linux-sshd';
import { absentKeyStore } from './test-core';

export const ADMIN = { username: 'admin', passphrase: 'runner world admin passphrase' } as const;
const WINDOW: Sender = { kind: 'electron', webContentsId: 1, frameUrl: 'app://pamdesk/' };

export interface RunnerWorld {
  readonly core: Core;
  readonly target: LinuxTarget;
  readonly deviceId: number;
  call<C extends ChannelName>(channel: C, payload: ChannelRequest<C>): Promise<ChannelResponse<C>>;
  /** Adds a credential for an account on the target whose own login changes its password. */
  addCredential(username: string, secret: string, extra?: Record<string, unknown>): Promise<number>;
  operation(code: string): Promise<OperationView>;
  runUntilIdle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real world for the runner: an encrypted vault (desktop-shell core with the SSH execution port),
 * and a real sshd with accounts in its own namespace, registered as a device with its host key pinned.
 */
export interface RunnerWorldOptions {
  readonly pin?: boolean;
  readonly rootPassword?: string;
  /** The core's (and runner's) clock, to pass back-offs without waiting. */
  readonly now?: () => Date;
  /** Named points of the runner's crash-safe path (e.g. to stop the target right after a change). */
  readonly checkpoint?: (name: CrashPoint) => void;
  /** The SSH port's connect timeout (a stopped target then fails fast). */
  readonly connectTimeoutMs?: number;
  /** Wraps the real SSH port, e.g. to freeze the target right after its template ran. */
  readonly wrapPort?: (port: ExecutionPort) => ExecutionPort;
}

/** The vault half of a runner world, with no target: for executors whose targets the test starts itself (databases). */
export interface VaultWorld {
  readonly core: Core;
  call<C extends ChannelName>(channel: C, payload: ChannelRequest<C>): Promise<ChannelResponse<C>>;
  operation(code: string): Promise<OperationView>;
  runUntilIdle(): Promise<void>;
  close(): Promise<void>;
}

export async function startVaultWorld(dataDir: string, options: RunnerWorldOptions = {}): Promise<VaultWorld> {
  const ssh = sshExecution(false, { leaseMs: 5_000, pollMs: 200, triggerEveryMs: 0 }, options.connectTimeoutMs ? { timeouts: { connectTimeoutMs: options.connectTimeoutMs } } : {});
  const wrap = options.wrapPort;
  const core = createCore({
    dataDir,
    shell: 'desktop',
    isTrustedSender: (sender) => sender.kind === 'electron' && (sender.webContentsId === 1 || sender.webContentsId === 2),
    logger: silentLogger,
    keyStore: absentKeyStore,
    execution: {
      ...ssh,
      ...(wrap ? { port: (vault: Parameters<typeof ssh.port>[0]) => wrap(ssh.port(vault)) } : {}),
      ...(options.checkpoint ? { checkpoint: options.checkpoint } : {}),
    },
    ...(options.now ? { now: options.now } : {}),
  });
  core.settings.update({ runner: { ...core.settings.read().runner, intervalMinutes: 0 } });
  const call = async <C extends ChannelName>(channel: C, payload: ChannelRequest<C>): Promise<ChannelResponse<C>> => {
    const result = await core.router.handle(WINDOW, channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as ChannelResponse<C>;
  };
  try {
    await call('vault.create', ADMIN);
  } catch (error) {
    await core.close();
    throw error;
  }
  return {
    core,
    call,
    operation: (code) => call('operation.get', { code }),
    async runUntilIdle() {
      const runner = core.runnerHost?.runner;
      if (!runner) throw new Error('no runner: the vault is not open');
      await runner.runUntilIdle();
    },
    close: () => core.close(),
  };
}

export async function startRunnerWorld(dataDir: string, accounts: readonly LinuxAccount[], options: RunnerWorldOptions = {}): Promise<RunnerWorld> {
  const target = await startLinuxTarget({ accounts, ...(options.rootPassword ? { rootPassword: options.rootPassword } : {}) });
  let vault: VaultWorld;
  try {
    vault = await startVaultWorld(dataDir, options);
  } catch (error) {
    await target.stop();
    throw error;
  }
  const { core, call } = vault;
  try {
    const device = await call('device.upsert', { hostname: 'linux-target', ip: target.host, connectivities: `SSH:${target.port}` });
    if (options.pin !== false) await call('device.trustHostKey', { deviceId: device.id, fingerprint: target.hostKeyFingerprint });
    return {
      core,
      target,
      deviceId: device.id,
      call,
      async addCredential(username, secret, extra = {}) {
        await call('credential.upsert', {
          identifier: `target-${username}`,
          username,
          hostname: 'linux-target',
          ip: target.host,
          content: secret,
          execution_settings: { automatic_change: true, change_plugin: 'SSH', change_template: 'Linux - Change own password', use_own_credential_to_connect: true },
          ...extra,
        });
        return (await call('credential.get', { ref: `target-${username}` })).id;
      },
      operation: vault.operation,
      runUntilIdle: vault.runUntilIdle,
      async close() {
        await core.close();
        await target.stop();
      },
    };
  } catch (error) {
    await core.close();
    await target.stop();
    throw error;
  }
}

type RequestChannel = 'operation.requestChange' | 'operation.requestVerify' | 'operation.requestReconcile';

/** Requests one operation for one credential, runs the runner until it is idle, and answers the operation as it ended. */
export async function requestAndRun(world: VaultWorld, channel: RequestChannel, credentialId: number): Promise<OperationView> {
  const request = await world.call(channel, { credentialIds: [credentialId] });
  const code = request.scheduled[0]?.code;
  if (!code) throw new Error(`not scheduled: ${JSON.stringify(request.refused)}`);
  await world.runUntilIdle();
  return world.operation(code);
}

/** The credential's current secret, revealed as an operator would (audited). */
export async function secretOf(world: VaultWorld, credentialId: number): Promise<string> {
  return (await world.call('credential.reveal', { id: credentialId, purpose: 'view' })).secret;
}
