import type Database from 'better-sqlite3-multiple-ciphers';
import { SECRET_CHANGING_TYPES } from '../../shared/domain/operation-rules';
import { closeAttempt, type AttemptRecord } from './operation-outcomes';
import type { OperationState } from './operation-model';
import { loadOperation, promote } from './run-operation';
import type { RunnerDeps } from './runner-deps';
import { nextSettleAt } from './settle-schedule';

export interface ClaimedSettlement {
  readonly id: number;
  readonly attemptId: number;
}

/**
 * Takes an Unverified operation to settle: the next one due (settle_at passed), or the given one
 * whatever its schedule (a verify of its credential asks for it). The operation stays Unverified;
 * a lease marks that a runner is on it, so two runners never settle the same one, and an attempt
 * row records the try. One IMMEDIATE transaction, like the queue's claim.
 */
export function claimSettlement(driver: Database.Database, owner: string, now: Date, leaseMs: number, operationId?: number): ClaimedSettlement | undefined {
  const stamp = now.toISOString();
  const claim = driver.transaction((): ClaimedSettlement | undefined => {
    const row = (
      operationId === undefined
        ? driver
            .prepare(
              `SELECT id FROM operations WHERE state = 'Unverified' AND settle_at IS NOT NULL AND settle_at <= ?
                 AND (lease_owner IS NULL OR lease_expires_at IS NULL OR lease_expires_at < ?) ORDER BY settle_at, id LIMIT 1`,
            )
            .get(stamp, stamp)
        : driver
            .prepare(`SELECT id FROM operations WHERE id = ? AND state = 'Unverified' AND (lease_owner IS NULL OR lease_expires_at IS NULL OR lease_expires_at < ?)`)
            .get(operationId, stamp)
    ) as { id: number } | undefined;
    if (!row) return undefined;
    driver.prepare('UPDATE operations SET lease_owner = ?, lease_expires_at = ?, updated_at = ? WHERE id = ?').run(owner, new Date(now.getTime() + leaseMs).toISOString(), stamp, row.id);
    // A try left open by a runner that died is closed as interrupted: it decided nothing.
    driver
      .prepare("UPDATE attempts SET ended_at = ?, outcome = 'interrupted', error = 'The runner stopped during this settle try; it decided nothing.' WHERE operation_id = ? AND ended_at IS NULL")
      .run(stamp, row.id);
    const number = (driver.prepare('SELECT coalesce(max(number), 0) + 1 AS n FROM attempts WHERE operation_id = ?').get(row.id) as { n: number }).n;
    const attempt = driver.prepare('INSERT INTO attempts (operation_id, number, started_at, runner) VALUES (?, ?, ?, ?)').run(row.id, number, stamp, owner);
    return { id: row.id, attemptId: Number(attempt.lastInsertRowid) };
  });
  return claim.immediate();
}

/** The credential's Unverified change, if any: what a verify settles first. */
export function unverifiedChangeOf(driver: Database.Database, credentialId: number): number | undefined {
  const placeholders = SECRET_CHANGING_TYPES.map(() => '?').join(', ');
  const row = driver.prepare(`SELECT id FROM operations WHERE credential_id = ? AND state = 'Unverified' AND type IN (${placeholders}) ORDER BY id DESC LIMIT 1`).get(credentialId, ...SECRET_CHANGING_TYPES) as
    | { id: number }
    | undefined;
  return row?.id;
}

/**
 * One settle try: the decision logins again, candidate first. The candidate logs in: it is adopted
 * through the same compare-and-swap promote as a run. The current secret logs in: the change did
 * not happen, the candidate is discarded and the operation ends in Error (a new change can be
 * requested). Neither (the target is still unreachable, or refuses both): it stays Unverified and
 * the next try is scheduled with a longer back-off. Never throws.
 */
export async function settleClaimed(deps: RunnerDeps, claimed: ClaimedSettlement): Promise<OperationState> {
  const record = (message: string): AttemptRecord => ({ operationId: claimed.id, attemptId: claimed.attemptId, transcript: '', message });
  let tries = 0;
  try {
    const op = await loadOperation(deps, claimed.id);
    tries = op.settleTries;
    if (!op.candidate) {
      const why = 'Settled: no candidate was on record, so the target can only hold the current secret. Verify the credential to confirm.';
      if (await closeAttempt(deps.db, record(why), 'error', 'Error', deps.now(), { candidate: 'clear' })) deps.onAttemptEnded({ id: op.id, code: op.code, credentialId: op.credential.id, state: 'Error', message: why });
      return 'Error';
    }
    const candidateVerdict = await deps.port.tryLogin(op.credential, op.candidate.secret);
    if (candidateVerdict === 'accepted') return promote(deps, op, op.candidate, record(''), 'Settled: a fresh login with the kept candidate succeeded, so the vault adopted it.');
    const currentVerdict = op.currentSecret === null ? 'rejected' : await deps.port.tryLogin(op.credential, op.currentSecret);
    const now = deps.now();
    if (currentVerdict === 'accepted') {
      const why = 'Settled: the target still accepts the current secret and refuses the candidate, so the change did not happen; the candidate was discarded. Request a new change when ready.';
      if (await closeAttempt(deps.db, record(why), 'error', 'Error', now, { candidate: 'clear' })) deps.onAttemptEnded({ id: op.id, code: op.code, credentialId: op.credential.id, state: 'Error', message: why });
      return 'Error';
    }
    return stillUnverified(deps, claimed, record, op.settleTries, `the candidate was ${candidateVerdict} and the current secret ${currentVerdict}`);
  } catch (error) {
    deps.onUnexpected?.(claimed.id, error);
    try {
      return await stillUnverified(deps, claimed, record, tries, 'pamdesk failed while checking (the details are in the application log)');
    } catch (closing) {
      deps.onUnexpected?.(claimed.id, closing);
      return 'Unverified';
    }
  }
}

async function stillUnverified(deps: RunnerDeps, claimed: ClaimedSettlement, record: (message: string) => AttemptRecord, triesBefore: number, found: string): Promise<OperationState> {
  const now = deps.now();
  const tries = triesBefore + 1;
  const next = nextSettleAt(now, tries);
  const why = next
    ? `Unverified: settle try ${tries} found nothing certain (${found}). The candidate is kept; the next try is at ${next.toISOString()}, or an administrator can settle it now.`
    : `Unverified: ${tries} settle tries found nothing certain (${found}); pamdesk stopped trying. An administrator must settle it: reveal the candidate, check the target, and say which secret it holds (or reconcile).`;
  const closed = await closeAttempt(deps.db, record(why), 'unverified', 'Unverified', now, { candidate: 'keep', settleAt: next, settleTries: tries });
  if (closed) {
    const row = deps.driver.prepare('SELECT code, credential_id FROM operations WHERE id = ?').get(claimed.id) as { code: string; credential_id: number } | undefined;
    if (row) deps.onAttemptEnded({ id: claimed.id, code: row.code, credentialId: row.credential_id, state: 'Unverified', message: why });
  }
  return 'Unverified';
}
