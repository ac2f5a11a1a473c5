import { changesSecret } from '../../shared/domain/operation-rules';
import { closeAttempt, failAttempt, type AttemptRecord } from './operation-outcomes';
import type { OperationState } from './operation-model';
import { adoptOrphan, orphanedOperations } from './operation-store';
import { loadOperation, resolveCandidate } from './run-operation';
import { isOwnerGone } from './runner-identity';
import type { RunnerDeps } from './runner-deps';

/**
 * On start (and periodically), finds operations left Running by a runner that died (or whose
 * attempt outlived its bound) and settles each one by asking the target, never by assuming:
 * - a candidate on record that logs in is promoted;
 * - else, the current secret logging in means the attempt failed and the credential is unchanged;
 * - else the operation is Unverified and the operator is alerted.
 * Without a candidate on record the target was never touched: the attempt is simply interrupted.
 * Never throws: an operation that cannot be recovered ends in Error (or Unverified when the target
 * may hold its candidate) with a message, and the others are still recovered.
 */
export async function recoverOrphans(deps: RunnerDeps, leaseMs: number): Promise<number> {
  const now = deps.now();
  let recovered = 0;
  let orphans: number[];
  try {
    orphans = orphanedOperations(deps.driver, now, (owner) => isOwnerGone(owner, deps.owner));
  } catch (error) {
    deps.onUnexpected?.(0, error);
    return 0;
  }
  for (const id of orphans) {
    try {
      if (await recoverOne(deps, id, leaseMs)) recovered++;
    } catch (error) {
      deps.onUnexpected?.(id, error);
      await giveUp(deps, id).catch((closing: unknown) => deps.onUnexpected?.(id, closing));
    }
  }
  return recovered;
}

async function recoverOne(deps: RunnerDeps, id: number, leaseMs: number): Promise<boolean> {
  const now = deps.now();
  const row = deps.driver.prepare('SELECT lease_owner FROM operations WHERE id = ?').get(id) as { lease_owner: string | null } | undefined;
  if (!row || !adoptOrphan(deps.driver, id, row.lease_owner, deps.owner, new Date(now.getTime() + leaseMs))) return false;
  const record: AttemptRecord = { operationId: id, attemptId: openAttemptOf(deps, id), transcript: '', message: null };
  const op = await loadOperation(deps, id);
  if (changesSecret(op.type) && op.candidate?.sent) {
    await resolveCandidate(deps, op, op.candidate, record, 'The runner stopped during this attempt (or it outlived its time bound); recovery checked the target.', 'transport');
    return true;
  }
  const message = 'The runner stopped during this attempt (or it outlived its time bound) before the target was changed; it will be tried again.';
  if (op.attemptsMade < op.maxAttempts) {
    // A preset candidate (reset dialog) that was never sent stays for the next attempt.
    await closeAttempt(deps.db, { ...record, message }, 'interrupted', 'Scheduled', now, { nextAttemptAt: now, candidate: op.candidate?.preset ? 'keep' : 'clear' });
    deps.onAttemptEnded({ id, code: op.code, credentialId: op.credential.id, state: 'Scheduled', message });
  } else {
    const state = await failAttempt(deps.db, { ...record, message }, op.attemptsMade, op.maxAttempts, deps.settings(), now, 'transport');
    deps.onAttemptEnded({ id, code: op.code, credentialId: op.credential.id, state, message });
  }
  return true;
}

/** The attempt left open by the dead runner, or a new one recording the recovery. */
function openAttemptOf(deps: RunnerDeps, id: number): number {
  const attempt = deps.driver.prepare('SELECT id FROM attempts WHERE operation_id = ? AND ended_at IS NULL ORDER BY number DESC LIMIT 1').get(id) as { id: number } | undefined;
  if (attempt) return attempt.id;
  const now = deps.now().toISOString();
  return Number(
    deps.driver.prepare('INSERT INTO attempts (operation_id, number, started_at, runner) SELECT ?, coalesce(max(number), 0) + 1, ?, ? FROM attempts WHERE operation_id = ?').run(id, now, deps.owner, id).lastInsertRowid,
  );
}

/** Recovery itself failed for this operation: end it with a message rather than leave it Running. */
async function giveUp(deps: RunnerDeps, id: number): Promise<void> {
  const row = deps.driver.prepare('SELECT code, credential_id, candidate_sent, candidate_secret IS NOT NULL AS has_candidate FROM operations WHERE id = ? AND state = ?').get(id, 'Running') as
    | { code: string; credential_id: number; candidate_sent: number; has_candidate: number }
    | undefined;
  if (!row) return;
  const mayHoldCandidate = row.candidate_sent === 1 && row.has_candidate === 1;
  const state: OperationState = mayHoldCandidate ? 'Unverified' : 'Error';
  const message = mayHoldCandidate
    ? 'Unverified: recovery could not check this interrupted attempt (the details are in the application log). The candidate is kept; pamdesk retries the logins by itself, or an administrator can settle it.'
    : 'Recovery could not finish this interrupted attempt (the details are in the application log); nothing was changed on the target. Fix the cause, then restart the operation.';
  if (await closeAttempt(deps.db, { operationId: id, attemptId: openAttemptOf(deps, id), transcript: '', message }, mayHoldCandidate ? 'unverified' : 'error', state, deps.now(), { candidate: mayHoldCandidate ? 'keep' : 'unsend' })) {
    deps.onAttemptEnded({ id, code: row.code, credentialId: row.credential_id, state, message });
  }
}
