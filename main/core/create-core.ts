import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CoreStatus } from '../../shared/contract/core-status';
import type { Shell } from '../../shared/shells';
import type { Handlers } from '../ipc/handlers';
import { createEventBus, type EventBus } from '../ipc/event-bus';
import { createRouter, type Router } from '../ipc/router';
import type { SenderTrust } from '../ipc/sender';
import type { Logger } from '../logging/logger';
import { PAMDESK_VERSION } from './version';

export interface CoreOptions {
  readonly dataDir: string;
  readonly shell: Shell;
  /** The shell's own rule for which senders are its trusted windows or sockets. */
  readonly isTrustedSender: SenderTrust;
  readonly logger: Logger;
  readonly now?: () => Date;
}

export interface Core {
  readonly router: Router;
  readonly events: EventBus;
  readonly dataDir: string;
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

  function status(): CoreStatus {
    return {
      version: PAMDESK_VERSION,
      shell,
      dataDir,
      vault: existsSync(join(dataDir, 'vault.keys.json')) ? 'locked' : 'absent',
      startedAt: startedAt.toISOString(),
      uptimeSeconds: Math.max(0, Math.round((now().getTime() - startedAt.getTime()) / 1000)),
      runtime: `node ${process.versions.node}${process.versions['electron'] ? `, electron ${process.versions['electron']}` : ''}`,
      platform: `${process.platform}-${process.arch}`,
    };
  }

  const handlers: Handlers = {
    'core.status': () => status(),
  };

  const router = createRouter({
    shell,
    handlers,
    isTrustedSender: options.isTrustedSender,
    sessionOf: () => undefined,
    logger,
  });

  return {
    router,
    events,
    dataDir,
    status,
    async close() {
      logger.debug('core.closed');
    },
  };
}
