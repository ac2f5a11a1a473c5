import type { RunnerDeps } from './runner-deps';
import { claimDueOperations, queueBusy, renewLease } from './operation-store';
import { recoverOrphans } from './recover-operations';
import { runClaimedOperation, type AttemptControl } from './run-operation';
import { claimSettlement, settleClaimed, unverifiedChangeOf } from './settle-unverified';

export interface JobRunnerOptions {
  /** How long a lease lasts without renewal; renewed every third of it while its attempt works. */
  readonly leaseMs?: number;
  /** How often the queue is polled when idle. */
  readonly pollMs?: number;
  /** How often the policy triggers are evaluated. */
  readonly triggerEveryMs?: number;
  /** At most this many operations at once in this process (the vault-wide limits still apply). */
  readonly maxInFlight?: number;
}

export interface JobRunner {
  start(): void;
  /** Wakes the loop now (after a new request, or "request immediate execution"). */
  poke(): void;
  /**
   * Runs until, vault-wide, no operation is due and none is running (another process's work counts):
   * for `pamdesk runner --until-idle` and tests.
   */
  runUntilIdle(): Promise<void>;
  /** Stops taking work and waits for what is running to finish its attempt. */
  stop(): Promise<void>;
  readonly running: number;
}

/** The bound an attempt has until the port has computed its real one (it does so at once). */
const PROVISIONAL_BOUND_MS = 5 * 60_000;

/**
 * The runner loop: recovers orphans, then takes due operations up to the concurrency limits (the
 * limits are enforced in the claim, vault-wide) and settles due Unverified ones. Each attempt keeps
 * its own lease alive only up to its hard bound (its templates' timeouts plus the proof logins):
 * at the bound the attempt is told to stop, and shortly after its lease lapses, so recovery takes
 * over an attempt that is stuck instead of it blocking its credential and device forever.
 */
export function createJobRunner(deps: RunnerDeps, options: JobRunnerOptions = {}): JobRunner {
  const leaseMs = options.leaseMs ?? 60_000;
  const pollMs = options.pollMs ?? 2_000;
  const inFlight = new Set<Promise<unknown>>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let pumping: Promise<void> | undefined;
  const triggerEveryMs = options.triggerEveryMs ?? 30_000;
  let lastTriggers = -Infinity;

  /**
   * Renews one operation's lease every third of leaseMs until `release`, or past the bound. At the
   * bound the attempt is told to stop (its waits end); one lease later it is abandoned: the lease
   * lapses for recovery and `abandoned` resolves, so a stuck attempt no longer holds a slot here.
   */
  function keepLease(operationId: number): { control: AttemptControl; release: () => void; abandoned: Promise<void> } {
    const started = deps.now().getTime();
    const abort = new AbortController();
    let boundMs = PROVISIONAL_BOUND_MS;
    let abandon: () => void = () => undefined;
    const abandoned = new Promise<void>((resolve) => (abandon = resolve));
    const beat = setInterval(() => {
      const now = deps.now();
      const elapsed = now.getTime() - started;
      if (elapsed >= boundMs) abort.abort();
      if (elapsed >= boundMs + leaseMs) {
        clearInterval(beat);
        deps.onUnexpected?.(operationId, new Error(`attempt outlived its bound of ${boundMs} ms; its lease is left to lapse for recovery`));
        abandon();
        return;
      }
      try {
        renewLease(deps.driver, operationId, deps.owner, new Date(now.getTime() + leaseMs), now);
      } catch (error) {
        deps.onUnexpected?.(operationId, error);
      }
    }, Math.max(250, leaseMs / 3));
    beat.unref();
    return {
      control: { signal: abort.signal, setBoundMs: (ms) => (boundMs = ms) },
      release: () => clearInterval(beat),
      abandoned,
    };
  }

  function track(operationId: number, work: (control: AttemptControl) => Promise<unknown>): void {
    const lease = keepLease(operationId);
    const running: Promise<unknown> = Promise.race([work(lease.control), lease.abandoned])
      .catch((error: unknown) => deps.onUnexpected?.(operationId, error))
      .finally(() => {
        lease.release();
        inFlight.delete(running);
        if (!stopped) void pump();
      });
    inFlight.add(running);
  }

  /** Settles the credential's Unverified change before a verify of it (see runVerify). */
  async function settleFirst(credentialId: number): Promise<boolean> {
    const operationId = unverifiedChangeOf(deps.driver, credentialId);
    if (operationId === undefined) return false;
    const claimed = claimSettlement(deps.driver, deps.owner, deps.now(), leaseMs, operationId);
    if (!claimed) return false;
    const lease = keepLease(claimed.id);
    try {
      await settleClaimed(deps, claimed);
    } finally {
      lease.release();
    }
    return true;
  }
  const runnerDeps: RunnerDeps = { ...deps, settleFirst };

  async function launchDue(): Promise<number> {
    let launched = 0;
    const settings = deps.settings();
    const limit = Math.min(settings.globalConcurrency, options.maxInFlight ?? Number.POSITIVE_INFINITY);
    if (!stopped && inFlight.size < limit) {
      // The whole wave in one claim (one transaction, not one per operation).
      const wave = await claimDueOperations(
        deps.db,
        deps.driver,
        { owner: deps.owner, now: deps.now(), leaseMs, globalLimit: settings.globalConcurrency, perDeviceLimit: settings.perDeviceConcurrency },
        limit - inFlight.size,
      );
      for (const claimed of wave) {
        launched++;
        deps.onClaimed?.(claimed.id);
        track(claimed.id, (control) => runClaimedOperation(runnerDeps, claimed, control));
      }
    }
    while (!stopped && inFlight.size < limit) {
      const settling = claimSettlement(deps.driver, deps.owner, deps.now(), leaseMs);
      if (!settling) break;
      launched++;
      track(settling.id, () => settleClaimed(runnerDeps, settling));
    }
    return launched;
  }

  function pump(): Promise<void> {
    pumping ??= (async () => {
      try {
        if (deps.canDecrypt && !deps.canDecrypt()) return;
        await recoverOrphans(runnerDeps, leaseMs);
        const now = deps.now();
        if (deps.scheduleDue && now.getTime() - lastTriggers >= triggerEveryMs) {
          lastTriggers = now.getTime();
          await deps.scheduleDue(now);
        }
        await launchDue();
      } catch (error) {
        // One bad pass (the vault closing under it) must not stop the loop or escape as a rejection.
        deps.onUnexpected?.(0, error);
      } finally {
        pumping = undefined;
      }
    })();
    return pumping;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      void pump().finally(schedule);
    }, pollMs);
    timer.unref();
  }

  return {
    get running() {
      return inFlight.size;
    },
    start() {
      if (!stopped) return;
      stopped = false;
      void pump();
      schedule();
    },
    poke() {
      if (!stopped) void pump();
    },
    async runUntilIdle() {
      const wasStopped = stopped;
      stopped = false;
      for (;;) {
        await pump();
        // Without the secrets key nothing can be claimed: waiting would never end.
        if (deps.canDecrypt && !deps.canDecrypt()) break;
        if (inFlight.size > 0) {
          await Promise.race(inFlight);
          continue;
        }
        // Nothing of ours is running; another runner may still hold work, or limits held us back.
        if (!queueBusy(deps.driver, deps.now())) break;
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
      if (wasStopped) stopped = true;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.allSettled([...inFlight]);
    },
  };
}
