import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { SiemSettings } from '../../shared/contract/settings';
import type { Logger } from '../logging/logger';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { collectSiemMessages, dueMessages, markDelivered, markFailed } from './siem-queue';
import { sendToCollector, type SiemTarget } from './siem-transport';

const SEND_BATCH = 200;

export interface SiemForwarderOptions {
  readonly db: Kysely<VaultDatabase>;
  readonly settings: () => SiemSettings;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly intervalMs?: number;
  /** Injected for tests; defaults to the real sockets. */
  readonly send?: (target: SiemTarget, messages: readonly string[]) => Promise<void>;
}

/**
 * Forwards the queue to the SIEM collector while the vault is open. Each tick copies new audit
 * entries and attempt results into the queue, then sends what is due, oldest first; a failure
 * backs the queue off and is logged, never thrown: forwarding cannot block or break anything else.
 */
export class SiemForwarder {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  readonly #origin = { hostname: hostname(), procId: String(process.pid) };

  constructor(private readonly options: SiemForwarderOptions) {}

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.tick(), this.options.intervalMs ?? 2_000);
    this.#timer.unref();
  }

  /** Stops the timer and waits for a tick under way (the vault closes right after). */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /** One collect-and-send pass; concurrent calls share the pass under way. */
  tick(): Promise<void> {
    this.#running ??= this.#pass()
      .catch((error: unknown) => this.options.logger.warn('siem.forward_failed', { error: String(error) }))
      .finally(() => {
        this.#running = undefined;
      });
    return this.#running;
  }

  async #pass(): Promise<void> {
    const { db, now } = this.options;
    const settings = this.options.settings();
    await collectSiemMessages(db, settings.enabled ? { facility: settings.facility, ...this.#origin } : null, now());
    if (!settings.enabled) return;
    const send = this.options.send ?? sendToCollector;
    for (;;) {
      const batch = await dueMessages(db, now(), SEND_BATCH);
      if (batch.length === 0) return;
      try {
        await send(settings, batch.map((m) => m.message));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        await markFailed(db, batch, reason, now());
        this.options.logger.warn('siem.send_failed', { reason, queued: batch.length });
        return;
      }
      await markDelivered(db, batch.map((m) => m.id));
      if (batch.length < SEND_BATCH) return;
    }
  }
}
