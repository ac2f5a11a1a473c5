import type { Logger } from './logger';
import { safeErrorFields } from './safe-error';

export interface SafetyNetOptions {
  /**
   * Called once after an uncaught exception, before the process exits: stop the runner (its
   * attempts are crash-safe: write-ahead candidates, recovered from the target), close the vault
   * and zero its keys. Bounded by `fatalTimeoutMs`.
   */
  readonly onFatal?: () => Promise<void>;
  readonly fatalTimeoutMs?: number;
  /** For tests: what ends the process (default process.exit). */
  readonly exit?: (code: number) => void;
}

let installed: (() => void) | undefined;

/**
 * One safety net for every shell (desktop, host, runner). A stray rejection is logged and the
 * process goes on: the runner catches its own failures, so a lost promise is a bug to report, not a
 * reason to drop the operator's session. An uncaught exception leaves the process in an unknown
 * state, so after logging it closes the vault (keys zeroed) and exits; the vault stays consistent
 * because every change commits with its audit entry in one transaction and an interrupted rotation
 * is settled from the target by the next runner. Neither handler logs an error object: only the
 * scrubbed message and stack (see safeErrorFields). Installing twice replaces the first net.
 */
export function installProcessSafetyNet(logger: Logger, options: SafetyNetOptions = {}): () => void {
  installed?.();
  let fatal = false;
  const onRejection = (reason: unknown): void => {
    logger.error('process.unhandled_rejection', safeErrorFields(reason));
  };
  const onException = (error: unknown): void => {
    logger.error('process.uncaught_exception', safeErrorFields(error));
    if (fatal) return;
    fatal = true;
    const exit = options.exit ?? ((code: number) => process.exit(code));
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, options.fatalTimeoutMs ?? 5_000).unref());
    void Promise.race([(options.onFatal?.() ?? Promise.resolve()).catch((closing: unknown) => logger.error('process.fatal_close_failed', safeErrorFields(closing))), timeout]).finally(() => exit(1));
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  installed = () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
    installed = undefined;
  };
  return installed;
}
