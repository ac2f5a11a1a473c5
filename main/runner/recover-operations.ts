import { closeAttempt, failAttempt } from './operation-outcomes';
import { changesSecret } from './operation-model';
import { adoptOrphan, orphanedOperations } from './operation-store';
import { loadOperation, resolveCandidate } from './run-operation';
import { isOwnerGone } from './runner-identity';
import type { RunnerDeps } from './runner-deps';

/**
 * On start (and periodically), finds operations left Running by a runner that died and settles
 * each one by asking the target, never by assuming:
 * - a candidate on record that logs in is promoted;
 * - else, the current secret logging in means the attempt failed and the credential is unchanged;
 * - else the operation is Unverified and the operator is alerted.
 * Without a candidate on record the target was never touched: the attempt is simply interrupted.
 */
export async function recoverOrphans(deps: RunnerDeps, leaseMs: number): Promise<number> {
  const now = deps.now();
  let recovered = 0;
  for (const id of orphanedOperations(deps.driver, now, (owner) => isOwnerGone(owner, deps.owner))) {
    const row = deps.driver.prepare('SELECT lease_owner FROM operations WHERE id = ?').get(id) as { lease_owner: string | null } | undefined;
    if (!row || !adoptOrphan(deps.driver, id, row.lease_owner, deps.owner, new Date(now.getTime() + leaseMs))) continue;
    recovered++;
    const attempt = deps.driver
      .prepare('SELECT id FROM attempts WHERE operation_id = ? AND ended_at IS NULL ORDER BY number DESC LIMIT 1')
      .get(id) as { id: number } | undefined;
    const attemptId = attempt?.id ?? Number(deps.driver.prepare('INSERT INTO attempts (operation_id, number, started_at, runner) SELECT ?, coalesce(max(number), 0) + 1, ?, ? FROM attempts WHERE operation_id = ?').run(id, now.toISOString(), deps.owner, id).lastInsertRowid);
    const op = await loadOperation(deps, id);
    const record = { operationId: id, attemptId, transcript: '', message: null };
    if (changesSecret(op.type) && op.candidate?.sent) {
      await resolveCandidate(deps, op, op.candidate, record, 'The runner stopped during this attempt; recovery checked the target.');
      continue;
    }
    const message = 'The runner stopped during this attempt before the target was changed; it will be tried again.';
    if (op.attemptsMade < op.maxAttempts) {
      // A preset candidate (reset dialog) that was never sent stays for the next attempt.
      await closeAttempt(deps.db, { ...record, message }, 'interrupted', 'Scheduled', now, { nextAttemptAt: now, clearCandidate: !op.candidate?.preset });
      deps.onAttemptEnded({ id, code: op.code, credentialId: op.credential.id, state: 'Scheduled', message });
    } else {
      const state = await failAttempt(deps.db, { ...record, message }, op.attemptsMade, op.maxAttempts, deps.settings(), now);
      deps.onAttemptEnded({ id, code: op.code, credentialId: op.credential.id, state, message });
    }
  }
  return recovered;
}
