import type { RunnerDeps } from './runner-deps';
import { claimNextOperation, queueBusy, renewLeases } from './operation-store';
import { recoverOrphans } from './recover-operations';
import { runClaimedOperation } from './run-operation';

export interface JobRunnerOptions {
  /** How long a lease lasts without renewal; renewed every third of it while work runs. */
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

/**
 * The runner loop: recovers orphans, then takes due operations up to the concurrency limits (the
 * limits are enforced in the claim, vault-wide), renewing its leases while they run.
 */
export function createJobRunner(deps: RunnerDeps, options: JobRunnerOptions = {}): JobRunner {
  const leaseMs = options.leaseMs ?? 60_000;
  const pollMs = options.pollMs ?? 2_000;
  const inFlight = new Set<Promise<unknown>>();
  let timer: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let stopped = true;
  let pumping: Promise<void> | undefined;
  const triggerEveryMs = options.triggerEveryMs ?? 30_000;
  let lastTriggers = -Infinity;

  function startHeartbeat(): void {
    if (heartbeat) return;
    heartbeat = setInterval(() => renewLeases(deps.driver, deps.owner, new Date(deps.now().getTime() + leaseMs), deps.now()), Math.max(250, leaseMs / 3));
    heartbeat.unref();
  }

  function stopHeartbeat(): void {
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = undefined;
  }

  function launchDue(): number {
    let launched = 0;
    const settings = deps.settings();
    const limit = Math.min(settings.globalConcurrency, options.maxInFlight ?? Number.POSITIVE_INFINITY);
    while (!stopped && inFlight.size < limit) {
      const claimed = claimNextOperation(deps.driver, {
        owner: deps.owner,
        now: deps.now(),
        leaseMs,
        globalLimit: settings.globalConcurrency,
        perDeviceLimit: settings.perDeviceConcurrency,
      });
      if (!claimed) break;
      launched++;
      deps.onClaimed?.(claimed.id);
      const work: Promise<unknown> = runClaimedOperation(deps, claimed)
        .catch((error: unknown) => {
          // A bug or a lost vault mid-run: the lease lapses and recovery settles the operation
          // from the target's answer, so nothing is marked done that was not.
          process.emitWarning(`pamdesk runner: operation ${claimed.id} stopped unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
        })
        .finally(() => {
          inFlight.delete(work);
          if (!stopped) void pump();
        });
      inFlight.add(work);
    }
    return launched;
  }

  function pump(): Promise<void> {
    pumping ??= (async () => {
      try {
        await recoverOrphans(deps, leaseMs);
        const now = deps.now();
        if (deps.scheduleDue && now.getTime() - lastTriggers >= triggerEveryMs) {
          lastTriggers = now.getTime();
          await deps.scheduleDue(now);
        }
        launchDue();
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
      startHeartbeat();
      void pump();
      schedule();
    },
    poke() {
      if (!stopped) void pump();
    },
    async runUntilIdle() {
      const wasStopped = stopped;
      stopped = false;
      startHeartbeat();
      for (;;) {
        await pump();
        if (inFlight.size > 0) {
          await Promise.race(inFlight);
          continue;
        }
        // Nothing of ours is running; another runner may still hold work, or limits held us back.
        if (!queueBusy(deps.driver, deps.now())) break;
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
      if (wasStopped) {
        stopped = true;
        stopHeartbeat();
      }
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.allSettled([...inFlight]);
      stopHeartbeat();
    },
  };
}
