import type { Kysely, Transaction, Updateable } from 'kysely';
import type { RunnerSettings } from '../../shared/contract/settings';
import { isFinal } from '../../shared/domain/operation-rules';
import { updateWhere } from '../vault/database/update-where';
import type { VaultDatabase } from '../vault/database/vault-schema';
import type { AttemptOutcome, OperationState } from './operation-model';
import { isRetryable, type FailureKind } from './ports';
import { firstSettleAt } from './settle-schedule';

type Db = Kysely<VaultDatabase> | Transaction<VaultDatabase>;

export interface AttemptRecord {
  readonly operationId: number;
  readonly attemptId: number;
  readonly transcript: string;
  readonly message: string | null;
  /** The template the attempt ran, recorded on the operation as the attempt closes (no write of its own). */
  readonly template?: { readonly id: number; readonly version: number | null };
}

/**
 * What happens to the candidate on the operation when an attempt closes:
 * - keep: it stays as it is (Unverified: the target may hold it);
 * - clear: it is discarded (the target was shown not to hold it, or the vault adopted it);
 * - unsend: a preset candidate (typed in the reset dialog) stays for a restart, marked not sent,
 *   because the target was shown not to hold it.
 */
export type CandidateFate = 'keep' | 'clear' | 'unsend';

const CANDIDATE_COLUMNS: Readonly<Record<CandidateFate, Updateable<VaultDatabase['operations']>>> = {
  keep: {},
  clear: { candidate_secret: null, candidate_public_key: null, base_version: null, candidate_sent: 0, candidate_preset: 0 },
  unsend: { base_version: null, candidate_sent: 0 },
};

/**
 * Closes an attempt and moves its operation to a final or waiting state, releasing the lease.
 * Fenced: it closes only an attempt still open, so when recovery has already settled an attempt
 * that outlived its bound, the late writer changes nothing. Returns whether it closed it.
 */
export async function closeAttempt(
  db: Db,
  record: AttemptRecord,
  outcome: AttemptOutcome,
  state: OperationState,
  now: Date,
  extra: { readonly nextAttemptAt?: Date; readonly candidate?: CandidateFate; readonly settleAt?: Date | null; readonly settleTries?: number } = {},
): Promise<boolean> {
  const stamp = now.toISOString();
  // updateWhere: the two statements every attempt ends with, without building a query tree each time.
  const closed = await updateWhere(db, 'attempts', { ended_at: stamp, outcome, transcript: record.transcript, error: outcome === 'success' ? null : record.message }, { id: record.attemptId, ended_at: null });
  if (closed !== 1) return false;
  await updateWhere(
    db,
    'operations',
    {
      state,
      message: record.message,
      lease_owner: null,
      lease_expires_at: null,
      updated_at: stamp,
      ...(isFinal(state) ? { finished_at: stamp } : {}),
      ...(extra.nextAttemptAt ? { next_attempt_at: extra.nextAttemptAt.toISOString() } : {}),
      ...(record.template ? { template_id: record.template.id, template_version: record.template.version } : {}),
      ...CANDIDATE_COLUMNS[extra.candidate ?? 'keep'],
      // Only Unverified operations have a settle schedule.
      settle_at: state === 'Unverified' ? (extra.settleAt === undefined ? firstSettleAt(now).toISOString() : extra.settleAt?.toISOString() ?? null) : null,
      settle_tries: state === 'Unverified' ? (extra.settleTries ?? 0) : 0,
    },
    { id: record.operationId },
  );
  return true;
}

/**
 * A failed attempt. A transport failure (nothing learned) is tried again after the interval while
 * attempts remain; anything else (a configuration error, a refusal, a bug) needs someone to act, so
 * it is Error at once. The candidate is discarded (the target was shown not to hold it), so the next
 * attempt generates a fresh one.
 */
export async function failAttempt(db: Db, record: AttemptRecord, attemptsMade: number, maxAttempts: number, settings: RunnerSettings, now: Date, kind: FailureKind): Promise<OperationState> {
  if (isRetryable(kind) && attemptsMade < maxAttempts) {
    await closeAttempt(db, record, 'error', 'Scheduled', now, { nextAttemptAt: new Date(now.getTime() + settings.intervalMinutes * 60_000), candidate: 'clear' });
    return 'Scheduled';
  }
  await closeAttempt(db, record, 'error', 'Error', now, { candidate: 'clear' });
  return 'Error';
}
