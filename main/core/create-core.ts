import { mkdirSync } from 'node:fs';
import type { CoreStatus } from '../../shared/contract/core-status';
import type { Shell } from '../../shared/shells';
import type { Handlers } from '../ipc/handlers';
import type { EventName, EventPayload } from '../../shared/contract/events';
import { bindAuditListener } from '../audit/audit-listeners';
import { changedKindsOf } from '../audit/audit-change-kinds';
import { eventForRecipient } from '../ipc/event-audience';
import { createEventBus, type EventBus } from '../ipc/event-bus';
import { createVaultChangeFeed } from '../ipc/vault-change-feed';
import { watchForeignWrites, type ForeignWriteWatch } from '../ipc/foreign-write-watch';
import { createRouter, type Router } from '../ipc/router';
import type { Sender, SenderTrust } from '../ipc/sender';
import type { KeyStore } from '../keystore/key-store';
import { createKeytarKeyStore } from '../keystore/keytar-key-store';
import type { Logger } from '../logging/logger';
import { RunnerHost, type RunnerHostOptions } from '../runner/runner-host';
import type { SecretClipboard } from '../security/secret-clipboard';
import type { RotationCheckpoint } from '../session/rotate-vault-keys';
import { VaultSessions } from '../session/vault-sessions';
import { ensureBuiltinTemplates } from '../templates/template-service';
import { confKeyValueStore, createSettingsStore, type KeyValueStore, type SettingsStore } from '../settings/settings-store';
import type { VaultKeyOptions } from '../vault/keys/vault-key-options';
import { ImportPreviews } from '../import/import-previews';
import { SiemForwarder } from '../siem/siem-forwarder';
import { auditHandlers } from './handlers/audit-handlers';
import { dashboardHandlers } from './handlers/dashboard-handlers';
import { settingsHandlers } from './handlers/settings-handlers';
import { transferHandlers } from './handlers/transfer-handlers';
import { approvalHandlers } from './handlers/approval-handlers';
import { bulkHandlers, expireBulkRequests } from './handlers/bulk-handlers';
import { credentialHandlers } from './handlers/credential-handlers';
import { credentialHistoryHandlers } from './handlers/credential-history-handlers';
import { deviceHandlers } from './handlers/device-handlers';
import { recordHandlers } from './handlers/record-handlers';
import { operationHandlers } from './handlers/operation-handlers';
import { policyHandlers } from './handlers/policy-handlers';
import { preferenceHandlers } from './handlers/preference-handlers';
import { createUserPreferencesStore } from '../preferences/user-preferences';
import { sessionHandlers } from './handlers/session-handlers';
import { templateHandlers } from './handlers/template-handlers';
import { userHandlers } from './handlers/user-handlers';
import { PAMDESK_VERSION } from './version';

const BULK_EXPIRY_CHECK_MS = 60_000;

export interface CoreOptions {
  readonly dataDir: string;
  readonly shell: Shell;
  /** The shell's own rule for which senders are its trusted windows or sockets. */
  readonly isTrustedSender: SenderTrust;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** The OS keychain for "remember on this device" (default: keytar). */
  readonly keyStore?: KeyStore;
  /** Preferences storage (default: conf in the data folder; the desktop shell passes electron-store). */
  readonly preferences?: KeyValueStore;
  /** Key-derivation settings (tests may not go below the production minimum either). */
  readonly keyOptions?: VaultKeyOptions;
  /**
   * How operations reach devices. With `background`, the runner works whenever the vault is open
   * (desktop app, headless host); without it, only when asked (`pamdesk runner`).
   */
  /** The desktop app's OS clipboard, cleared by main; absent in the host and CLI (credential.copy hands the page the secret). */
  readonly clipboard?: SecretClipboard;
  /** Tests kill the process at a key-rotation step (main/session/rotate-vault-keys.ts). */
  readonly rotationCheckpoint?: (at: RotationCheckpoint) => void;
  readonly execution?: Pick<RunnerHostOptions, 'port' | 'generator' | 'runnerOptions' | 'checkpoint'> & { readonly background: boolean };
  /** Set by the CLI: the command this core runs, audited once as `cli.command` (see VaultSessions). */
  readonly cliCommand?: string;
}

export interface Core {
  readonly router: Router;
  readonly events: EventBus;
  /** An event as this window or socket may receive it (its session's role decides), or undefined. */
  eventFor<E extends EventName>(recipient: Sender, name: E, payload: EventPayload<E>): EventPayload<E> | undefined;
  readonly dataDir: string;
  readonly sessions: VaultSessions;
  readonly settings: SettingsStore;
  /** Present when this core can run operations (it was given an execution port). */
  readonly runnerHost: RunnerHost | undefined;
  /** Forwards the audit trail to the SIEM collector while the vault is open (undefined when locked). */
  siem(): SiemForwarder | undefined;
  status(): CoreStatus;
  close(): Promise<void>;
}

/**
 * The composition root. The Electron shell, the headless host and the CLI each call this once and
 * stay thin: everything that matters lives behind the router it returns.
 */
export function createCore(options: CoreOptions): Core {
  const { dataDir, shell, logger } = options;
  const now = options.now ?? (() => new Date());
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const startedAt = now();
  const events = createEventBus();
  const vaultChanges = createVaultChangeFeed(events);
  const preferences = options.preferences ?? confKeyValueStore(dataDir);
  const settings = createSettingsStore(preferences);

  const execution = options.execution;
  const runnerHost = execution
    ? new RunnerHost({ events, logger, settings: () => settings.read().runner, approvalExpiryHours: () => settings.read().bulkApprovalExpiryHours, now, port: execution.port, generator: execution.generator, ...(execution.runnerOptions ? { runnerOptions: execution.runnerOptions } : {}), ...(execution.checkpoint ? { checkpoint: execution.checkpoint } : {}) })
    : undefined;

  let bulkExpiryTimer: NodeJS.Timeout | undefined;
  let siemForwarder: SiemForwarder | undefined;
  let foreignWrites: ForeignWriteWatch | undefined;
  const importPreviews = new ImportPreviews(now);
  const sessions: VaultSessions = new VaultSessions({
    dataDir,
    shell,
    events,
    logger,
    keyStore: options.keyStore ?? createKeytarKeyStore(),
    witnesses: preferences,
    ...(options.cliCommand ? { cliCommand: options.cliCommand } : {}),
    ...(options.keyOptions ? { keyOptions: options.keyOptions } : {}),
    ...(options.rotationCheckpoint ? { rotationCheckpoint: options.rotationCheckpoint } : {}),
    idleLockMinutes: () => settings.read().idleLockMinutes,
    now: () => now().getTime(),
    onStateChange: () => events.emit('core.statusChanged', status()),
    onOpened: async (vault) => {
      // Every audited write (the one way vault data changes) tells every window what kind changed.
      bindAuditListener(vault.database.db, (entry) => vaultChanges.changed(changedKindsOf(entry.action)));
      // And what another pamdesk process on this vault writes (the CLI beside the desktop app).
      foreignWrites = watchForeignWrites(vault.database.driver, (kinds) => vaultChanges.changed(kinds));
      // Security settings (idle lock, approval expiry, SIEM) come from the vault: first, since the rest reads them.
      await settings.attachVault(vault.database.db, shell);
      // Built-in templates first (a new vault, or one made by an older version), then the runner,
      // whose operations may name them.
      await ensureBuiltinTemplates({ db: vault.database.db, fields: vault.fields });
      const runner = runnerHost?.attach(vault);
      if (execution?.background) runner?.start();
      // Undecided bulk requests expire on time even when nobody opens the report.
      bulkExpiryTimer = setInterval(() => void expireBulkRequests(vault.database.db, events, now()).catch((error: unknown) => logger.warn('bulk.expire_failed', { error: String(error) })), BULK_EXPIRY_CHECK_MS);
      bulkExpiryTimer.unref();
      // SIEM forwarding reads the trail after it is written: a collector that is down never blocks an audit entry.
      siemForwarder = new SiemForwarder({ db: vault.database.db, settings: () => settings.read().siem, logger, now });
      siemForwarder.start();
    },
    beforeClose: async () => {
      foreignWrites?.stop();
      foreignWrites = undefined;
      vaultChanges.flush();
      clearInterval(bulkExpiryTimer);
      importPreviews.clear();
      await siemForwarder?.stop();
      siemForwarder = undefined;
      await runnerHost?.detach();
      settings.detachVault();
    },
  });

  /** After requests: tell every window, and wake the runner so "now" means now. */
  async function operationsChanged(codes: readonly string[]): Promise<void> {
    const db = sessions.vault().database.db;
    for (const code of codes) {
      const row = await db.selectFrom('operations').select(['id', 'code', 'credential_id', 'state', 'message']).where('code', '=', code).executeTakeFirst();
      if (row) events.emit('operation.changed', { id: row.id, code: row.code, credentialId: row.credential_id, state: row.state, message: row.message });
    }
    runnerHost?.runner?.poke();
  }

  function status(): CoreStatus {
    return {
      version: PAMDESK_VERSION,
      shell,
      dataDir,
      vault: sessions.state(),
      startedAt: startedAt.toISOString(),
      uptimeSeconds: Math.max(0, Math.round((now().getTime() - startedAt.getTime()) / 1000)),
      runtime: `node ${process.versions.node}${process.versions['electron'] ? `, electron ${process.versions['electron']}` : ''}`,
      platform: `${process.platform}-${process.arch}`,
    };
  }

  const handlers: Handlers = {
    'core.status': () => status(),
    ...sessionHandlers(sessions),
    ...userHandlers(sessions),
    ...credentialHandlers(sessions, settings, operationsChanged, options.clipboard),
    ...credentialHistoryHandlers(sessions, settings, operationsChanged),
    ...deviceHandlers(sessions),
    ...recordHandlers(sessions, now),
    ...auditHandlers(sessions, now, preferences),
    ...dashboardHandlers(sessions, now, settings),
    ...approvalHandlers(sessions, settings, now),
    ...settingsHandlers(sessions, settings),
    ...preferenceHandlers(createUserPreferencesStore(preferences)),
    ...transferHandlers({ sessions, previews: importPreviews, now, settings, events }),
    ...operationHandlers({ sessions, settings, now, changed: operationsChanged }),
    ...templateHandlers(sessions),
    ...policyHandlers(sessions),
    ...bulkHandlers({ sessions, settings, events, now, operationsChanged }),
  };

  // A copied secret does not outlive the session that copied it (the desktop has one window, so any
  // session ending there is its user's), nor the vault's keys, nor the process (close below).
  events.subscribe((name) => {
    if (name === 'vault.locked' || name === 'session.ended') options.clipboard?.clear();
  });

  const router = createRouter({
    shell,
    handlers,
    isTrustedSender: options.isTrustedSender,
    sessionOf: (sender) => sessions.sessionOf(sender),
    logger,
  });

  return {
    router,
    events,
    eventFor: (recipient, name, payload) => eventForRecipient(name, payload, sessions.sessionOf(recipient)),
    dataDir,
    sessions,
    settings,
    runnerHost,
    siem: () => siemForwarder,
    status,
    async close() {
      options.clipboard?.clear();
      await sessions.lock('shutdown');
    },
  };
}
