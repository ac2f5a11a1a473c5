import type { RunnerSettings } from '../../shared/contract/settings';
import type { EventBus } from '../ipc/event-bus';
import type { Logger } from '../logging/logger';
import { safeErrorFields } from '../logging/safe-error';
import type { OpenVault } from '../vault/open-vault';
import { scheduleAutomaticOperations } from './automatic-triggers';
import { createJobRunner, type JobRunner, type JobRunnerOptions } from './job-runner';
import { expireAwaitingOperations } from './operation-approvals';
import type { CandidateGenerator, ExecutionPort } from './ports';
import type { CrashPoint, FinishedOperation } from './runner-deps';
import { newRunnerIdentity } from './runner-identity';

export interface RunnerHostOptions {
  readonly events: EventBus;
  readonly logger: Logger;
  readonly settings: () => RunnerSettings;
  /** How long an operation may wait for approval before it expires. */
  readonly approvalExpiryHours: () => number;
  readonly now: () => Date;
  /** Builds the port for the open vault (SSH in production). */
  readonly port: (vault: OpenVault) => ExecutionPort;
  readonly generator: (vault: OpenVault) => CandidateGenerator;
  readonly runnerOptions?: JobRunnerOptions;
  readonly checkpoint?: (name: CrashPoint) => void;
}

/**
 * Binds a job runner to the vault's lifetime: it exists only while the vault is open (it needs the
 * keys) and is stopped, its attempts finished, before the vault closes.
 */
export class RunnerHost {
  #runner: JobRunner | undefined;
  readonly owner = newRunnerIdentity();

  constructor(private readonly options: RunnerHostOptions) {}

  attach(vault: OpenVault): JobRunner {
    if (this.#runner) return this.#runner;
    this.#runner = createJobRunner(
      {
        db: vault.database.db,
        driver: vault.database.driver,
        fields: vault.fields,
        canDecrypt: () => vault.fields.holdsSecrets,
        port: this.options.port(vault),
        generate: this.options.generator(vault),
        settings: this.options.settings,
        now: this.options.now,
        owner: this.owner,
        onAttemptEnded: (operation) => this.#announce(operation),
        onUnexpected: (operationId, error) => this.options.logger.error('runner.unexpected', { operationId, ...safeErrorFields(error) }),
        onClaimed: (id) => {
          const row = vault.database.driver.prepare('SELECT code, credential_id FROM operations WHERE id = ?').get(id) as { code: string; credential_id: number } | undefined;
          if (row) this.options.events.emit('operation.changed', { id, code: row.code, credentialId: row.credential_id, state: 'Running', message: null });
        },
        scheduleDue: async (now) => {
          for (const code of await expireAwaitingOperations(vault.database.db, now, this.options.approvalExpiryHours())) this.options.logger.info('operation.expired', { code });
          const codes = await scheduleAutomaticOperations(vault.database.db, now, this.options.settings());
          for (const code of codes) this.options.logger.info('operation.scheduled', { code, by: 'policy' });
          return codes;
        },
        ...(this.options.checkpoint ? { checkpoint: this.options.checkpoint } : {}),
      },
      this.options.runnerOptions,
    );
    return this.#runner;
  }

  get runner(): JobRunner | undefined {
    return this.#runner;
  }

  async detach(): Promise<void> {
    const runner = this.#runner;
    this.#runner = undefined;
    await runner?.stop();
  }

  #announce(operation: FinishedOperation): void {
    if (operation.state === 'Error' || operation.state === 'Unverified') {
      this.options.logger.warn('operation.alert', { code: operation.code, state: operation.state });
    }
    this.options.events.emit('operation.changed', {
      id: operation.id,
      code: operation.code,
      credentialId: operation.credentialId,
      state: operation.state,
      message: operation.message,
    });
  }
}
