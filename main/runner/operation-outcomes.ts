import type { Kysely, Transaction } from 'kysely';
import type { RunnerSettings } from '../../shared/contract/settings';
import type { VaultDatabase } from '../vault/database/vault-schema';
import type { AttemptOutcome, OperationState } from './operation-model';

type Db = Kysely<VaultDatabase> | Transaction<VaultDatabase>;

export interface AttemptRecord {
  readonly operationId: number;
  readonly attemptId: number;
  readonly transcript: string;
  readonly message: string | null;
}

/** Closes an attempt and moves its operation to a final or waiting state, releasing the lease. */
export async function closeAttempt(
  db: Db,
  record: AttemptRecord,
  outcome: AttemptOutcome,
  state: OperationState,
  now: Date,
  extra: { readonly nextAttemptAt?: Date; readonly clearCandidate?: boolean } = {},
): Promise<void> {
  const stamp = now.toISOString();
  await db
    .updateTable('attempts')
    .set({ ended_at: stamp, outcome, transcript: record.transcript, error: outcome === 'success' ? null : record.message })
    .where('id', '=', record.attemptId)
    .execute();
  const final = state === 'Success' || state === 'Error' || state === 'Unverified' || state === 'Canceled' || state === 'Expired';
  await db
    .updateTable('operations')
    .set({
      state,
      message: record.message,
      lease_owner: null,
      lease_expires_at: null,
      updated_at: stamp,
      ...(final ? { finished_at: stamp } : {}),
      ...(extra.nextAttemptAt ? { next_attempt_at: extra.nextAttemptAt.toISOString() } : {}),
      ...(extra.clearCandidate ? { candidate_secret: null, candidate_public_key: null, base_version: null, candidate_sent: 0, candidate_preset: 0 } : {}),
    })
    .where('id', '=', record.operationId)
    .execute();
}

/**
 * A failed attempt: another try after the interval while attempts remain, else Error. The candidate
 * is discarded (the target was shown not to hold it), so the next attempt generates a fresh one.
 */
export async function failAttempt(db: Db, record: AttemptRecord, attemptsMade: number, maxAttempts: number, settings: RunnerSettings, now: Date): Promise<OperationState> {
  if (attemptsMade < maxAttempts) {
    await closeAttempt(db, record, 'error', 'Scheduled', now, {
      nextAttemptAt: new Date(now.getTime() + settings.intervalMinutes * 60_000),
      clearCandidate: true,
    });
    return 'Scheduled';
  }
  await closeAttempt(db, record, 'error', 'Error', now, { clearCandidate: true });
  return 'Error';
}
