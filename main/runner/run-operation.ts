import type { Transaction, Updateable } from 'kysely';
import { changeRefusal } from '../../shared/domain/change-refusal';
import { changesSecret } from '../../shared/domain/operation-rules';
import { AppFailure } from '../../shared/errors';
import { appendAuditEntries } from '../audit/append-audit';
import type { NewAuditEntry } from '../audit/audit-entry';
import { openCredentialField, sealCredentialField } from '../credentials/credential-secrets';
import { keepReplacedSecret } from '../credentials/secret-history';
import { groupCommitOf, type GroupBatch, type GroupWork } from '../vault/database/group-commit';
import { ColumnExpression, updateWhere } from '../vault/database/update-where';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { openCandidate, sealCandidate } from './operation-candidate';
import { closeAttempt, failAttempt, type AttemptRecord } from './operation-outcomes';
import type { OperationState, OperationTrigger, OperationType } from './operation-model';
import { skipHumanOnlyChild, type AuditAppend } from './change-guard';
import { createOperation, operationCode } from './operation-store';
import { selectLiveChildren, selectOperationRow } from './runner-statements';
import type { CredentialSnapshot, FailureKind, RunOutcome } from './ports';
import type { RunnerDeps } from './runner-deps';

export interface LoadedCandidate {
  readonly secret: string;
  readonly publicKey: string | null;
  readonly baseVersion: number;
  readonly preset: boolean;
  readonly sent: boolean;
}

export interface LoadedOperation {
  readonly id: number;
  readonly code: string;
  readonly type: OperationType;
  readonly trigger: OperationTrigger;
  readonly requester: string;
  readonly attemptsMade: number;
  readonly maxAttempts: number;
  readonly candidate: LoadedCandidate | null;
  readonly credential: CredentialSnapshot;
  readonly currentSecret: string | null;
  readonly reconcileOnFailure: boolean;
  readonly settleTries: number;
  /** Seed 000's refusal when the credential was marked as needing MFA or a human step after this was scheduled. */
  readonly humanRefusal: string | null;
}

/** How one attempt is watched by the runner loop: told its bound, stopped when it passes it. */
export interface AttemptControl {
  readonly signal?: AbortSignal;
  /** Told the attempt's hard bound once the operation is loaded (see ExecutionPort.attemptBoundMs). */
  readonly setBoundMs?: (ms: number) => void;
}

/** The promotion's compare-and-swap moves the credential to its next version. */
const NEXT_VERSION = new ColumnExpression('version + 1');

/** Thrown inside a transaction to roll it back when the attempt was already closed by recovery. */
class AttemptFenced extends Error {}

/**
 * Runs one claimed attempt of an operation to its end. Never throws: whatever fails while preparing
 * or running the attempt ends it with a message that says what is wrong and what to do.
 */
export async function runClaimedOperation(deps: RunnerDeps, claimed: { readonly id: number; readonly attemptId: number }, control: AttemptControl = {}): Promise<OperationState> {
  try {
    return await runAttempt(deps, claimed, control);
  } catch (error) {
    return endAfterException(deps, claimed, error);
  }
}

async function runAttempt(deps: RunnerDeps, claimed: { readonly id: number; readonly attemptId: number }, control: AttemptControl): Promise<OperationState> {
  const op = await loadOperation(deps, claimed.id);
  control.setBoundMs?.(await deps.port.attemptBoundMs(op.type, op.credential));
  deps.checkpoint?.('claimed');
  const record = (transcript: string, message: string | null, ran?: RunOutcome): AttemptRecord => ({
    operationId: op.id,
    attemptId: claimed.attemptId,
    transcript,
    message,
    ...(ran?.templateId != null ? { template: { id: ran.templateId, version: ran.templateVersion } } : {}),
  });

  if (!changesSecret(op.type)) return runWithoutNewSecret(deps, op, record, control);

  if (op.humanRefusal !== null && !op.candidate?.sent) {
    // Marked after it was scheduled or approved: the same rule that refuses new requests holds at
    // run time, before anything is generated or sent. (A candidate already sent must still be resolved.)
    return finishFailure(deps, op, record('', `${op.humanRefusal} It was marked after this operation was scheduled; nothing was sent.`), 'configuration');
  }

  if (op.candidate?.sent) {
    // A candidate that may have reached the target is on record: an earlier life of this
    // operation was interrupted. Find out what the target holds before anything else is sent.
    return resolveCandidate(deps, op, op.candidate, record('', null), 'Resumed with the candidate stored by an earlier attempt.', 'target');
  }
  let candidate: LoadedCandidate;
  if (op.candidate) {
    // The request brought its candidate (reset dialog): mark it sent, write-ahead, then use it.
    candidate = { ...op.candidate, baseVersion: op.credential.version, sent: true };
    if (!(await writeAhead(deps, op.id, { candidate_sent: 1, base_version: op.credential.version }))) return 'Running';
  } else {
    let fresh: Awaited<ReturnType<RunnerDeps['generate']>>;
    try {
      fresh = await deps.generate(op.credential);
    } catch (error) {
      // The policy or key type cannot produce a candidate (e.g. ssh-dss): no attempt can succeed
      // until someone fixes the credential, so this ends in Error at once; the target was not touched.
      const why = `No new secret could be generated: ${error instanceof Error ? error.message : String(error)}. Fix the credential's password policy or key type, then restart the operation.`;
      return finishFailure(deps, op, record('', why), 'configuration');
    }
    const stored = await writeAhead(deps, op.id, {
      candidate_secret: sealCandidate(deps.fields, op.id, fresh.secret),
      candidate_public_key: fresh.publicKey,
      base_version: op.credential.version,
      candidate_sent: 1,
      updated_at: deps.now().toISOString(),
    });
    if (!stored) return 'Running';
    candidate = { secret: fresh.secret, publicKey: fresh.publicKey, baseVersion: op.credential.version, preset: false, sent: true };
  }
  deps.checkpoint?.('candidate-stored');

  const outcome = await deps.port.run({
    operationId: op.id,
    operationType: op.type,
    credential: op.credential,
    currentSecret: op.currentSecret,
    newSecret: candidate.secret,
    newPublicKey: candidate.publicKey,
    ...(control.signal ? { signal: control.signal } : {}),
  });
  deps.checkpoint?.('template-ran');

  if (outcome.kind === 'failed' && !outcome.touched) {
    return finishFailure(deps, op, record(outcome.transcript, outcome.message, outcome), outcome.failure);
  }
  const message = outcome.kind === 'failed' ? outcome.message : null;
  return resolveCandidate(deps, op, candidate, record(outcome.transcript, message, outcome), message, outcome.kind === 'failed' ? outcome.failure : 'target');
}

/**
 * An attempt's closing writes, in the group commit: the attempts of a wave that end together share
 * one commit (each in its own savepoint, resolved after the commit, so what follows is as before).
 */
function inGroup<T>(deps: RunnerDeps, work: (trx: Transaction<VaultDatabase>, group: GroupWork) => Promise<T>): Promise<T> {
  return groupCommitOf(deps.db).run(work);
}

/** The audit entries of a group's promotions, appended to the chain together before its commit. */
const AUDIT_TRAIL: GroupBatch<NewAuditEntry> = { flush: (trx, entries) => appendAuditEntries(trx, entries) };

/**
 * Write-ahead: the candidate is sealed and committed (synchronous = FULL: on disk) before the target
 * is touched, so a crash from here on leaves a record of every secret the target might hold. The
 * commit is shared with the other attempts of the wave (one fsync for all of them), and this
 * resolves only after it. False when the operation is no longer this runner's (recovery took it
 * over): then nothing may be sent, and the attempt stops here without closing anything.
 */
async function writeAhead(deps: RunnerDeps, operationId: number, columns: Updateable<VaultDatabase['operations']>): Promise<boolean> {
  const written = await inGroup(deps, (trx) => updateWhere(trx, 'operations', columns, { id: operationId, lease_owner: deps.owner, state: 'Running' }));
  return written === 1;
}

/**
 * The truth is what the target accepts. The candidate logs in: adopt it. The current secret still
 * logs in: the change did not happen, discard the candidate. Neither: nobody can say which secret the
 * target holds; keep the candidate and say so (Unverified, settled later by the runner), never guess.
 */
export async function resolveCandidate(
  deps: RunnerDeps,
  op: LoadedOperation,
  candidate: LoadedCandidate,
  record: AttemptRecord,
  failureMessage: string | null,
  failure: FailureKind,
): Promise<OperationState> {
  const candidateVerdict = await deps.port.tryLogin(op.credential, candidate.secret);
  deps.checkpoint?.('candidate-verified');
  if (candidateVerdict === 'accepted') return promote(deps, op, candidate, record, 'The new secret was set and a fresh login with it succeeded.');

  const currentVerdict = op.currentSecret === null ? 'rejected' : await deps.port.tryLogin(op.credential, op.currentSecret);
  if (currentVerdict === 'accepted') {
    const why = failureMessage ?? 'The template ran, but the target still accepts the current secret and refuses the new one. Check the template against the device, then restart the operation.';
    return finishFailure(deps, op, { ...record, message: why }, failure);
  }
  const why =
    `Unverified: the target refused the new secret (${candidateVerdict}) and the current one (${currentVerdict}). ` +
    'The candidate is kept on this operation; pamdesk retries both logins by itself, or an administrator can settle it.' +
    (failureMessage ? ` Template: ${failureMessage}` : '');
  return endUnverified(deps, op, { ...record, message: why });
}

async function endUnverified(deps: RunnerDeps, op: LoadedOperation, record: AttemptRecord, schedule: { readonly settleAt?: Date | null; readonly settleTries?: number } = {}): Promise<OperationState> {
  const closed = await inGroup(deps, (trx) => closeAttempt(trx, record, 'unverified', 'Unverified', deps.now(), { candidate: 'keep', ...schedule }));
  if (closed) deps.onAttemptEnded({ id: op.id, code: op.code, credentialId: op.credential.id, state: 'Unverified', message: record.message });
  return 'Unverified';
}

/** Adopts the candidate: compare-and-swap on the credential version, children scheduled, audited. */
export async function promote(deps: RunnerDeps, op: LoadedOperation, candidate: LoadedCandidate, record: AttemptRecord, message: string): Promise<OperationState> {
  const now = deps.now();
  const stamp = now.toISOString();
  let promoted: boolean;
  try {
    // In the group commit: the promotions of one wave share a commit (each in its own savepoint,
    // so a lost swap or a fenced attempt rolls back only its own writes).
    promoted = await inGroup(deps, async (trx, group) => {
      // Compare-and-swap on the version the candidate was made against: an edit made meanwhile is
      // not silently overwritten (and the history keeps nothing when the swap is lost).
      await keepReplacedSecret(trx, deps.fields, { credentialId: op.credential.id, newSecret: candidate.secret, reason: op.trigger === 'reset_credential' ? 'reset' : 'change', operationCode: op.code, replacedBy: op.requester, at: stamp, ifVersion: candidate.baseVersion });
      const swapped = await updateWhere(
        trx,
        'credentials',
        {
          content: sealCredentialField(deps.fields, op.credential.id, 'content', candidate.secret),
          ...(candidate.publicKey ? { public_key: candidate.publicKey } : {}),
          version: NEXT_VERSION,
          last_changed_at: stamp,
          in_sync: 'InSync',
          last_verified_at: stamp,
          updated_at: stamp,
        },
        { id: op.credential.id, version: candidate.baseVersion },
      );
      if (swapped !== 1) return false;
      if (!(await closeAttempt(trx, { ...record, message }, 'success', 'Success', now, { candidate: 'clear' }))) throw new AttemptFenced();
      // Deferred to the group's audit batch: in this transaction still, after this work's writes.
      const audit = (entry: NewAuditEntry) => group.defer(AUDIT_TRAIL, entry);
      audit({ actor: 'system', shell: 'system', action: 'credential.rotated', objectType: 'credential', objectId: String(op.credential.id), details: { operation: op.code, type: op.type } });
      await scheduleChildren(trx, op.id, op.credential.id, deps.settings().attempts, now, audit);
      return true;
    });
  } catch (error) {
    if (error instanceof AttemptFenced) return 'Running';
    throw error;
  }
  if (!promoted) {
    // Nothing automatic can decide between the target and the edited vault: no settle schedule.
    const why = 'Unverified: the target accepts the new secret, but the credential was edited in the vault meanwhile. The candidate is kept on this operation; an administrator settles it (reveal the candidate, then say which secret the target holds).';
    return endUnverified(deps, op, { ...record, message: why }, { settleAt: null });
  }
  deps.checkpoint?.('promoted');
  deps.onAttemptEnded({ id: op.id, code: op.code, credentialId: op.credential.id, state: 'Success', message: null });
  return 'Success';
}

/**
 * A parent's successful change gives each active child a child password change (seed 002).
 * `audit` records a skipped child in the caller's transaction (by default appended at once).
 */
export async function scheduleChildren(trx: Transaction<VaultDatabase>, operationId: number, credentialId: number, maxAttempts: number, now: Date, audit?: AuditAppend): Promise<void> {
  const children = await selectLiveChildren(trx, credentialId);
  for (const child of children) {
    // Seed 000's MFA / human-interaction rule: such a child is skipped, recorded in the audit trail.
    if (await skipHumanOnlyChild(trx, { code: operationCode(operationId), credentialId }, child, audit)) continue;
    await createOperation(trx, { type: 'child_password_change', credentialId: child.id, requester: 'system', trigger: 'parent_chain', maxAttempts, parentOperationId: operationId }, now);
  }
}

export async function finishFailure(deps: RunnerDeps, op: LoadedOperation, record: AttemptRecord, failure: FailureKind): Promise<OperationState> {
  const now = deps.now();
  if (op.candidate?.preset) {
    // A typed or dialog-generated secret is what the operator asked for: the runner does not swap
    // in a different one on retry. The request ends in Error, the preset kept (marked not sent: the
    // target was shown not to hold it) so that a restart puts the same secret on the target.
    const closed = await inGroup(deps, (trx) => closeAttempt(trx, record, 'error', 'Error', now, { candidate: 'unsend' }));
    if (closed) deps.onAttemptEnded({ id: op.id, code: op.code, credentialId: op.credential.id, state: 'Error', message: record.message });
    return 'Error';
  }
  const state = await inGroup(deps, (trx) => failAttempt(trx, record, op.attemptsMade, op.maxAttempts, deps.settings(), now, failure));
  // A refused or failed change may have left the account unusable: reconcile it. Not for a
  // configuration problem (the reconcile would meet the same one) nor for pamdesk's own failure.
  if (state === 'Error' && op.reconcileOnFailure && op.type !== 'reconcile' && changesSecret(op.type) && (failure === 'target' || failure === 'transport')) {
    await createOperation(deps.db, { type: 'reconcile', credentialId: op.credential.id, requester: 'system', trigger: 'reconcile_after_failure', maxAttempts: deps.settings().attempts }, now);
  }
  deps.onAttemptEnded({ id: op.id, code: op.code, credentialId: op.credential.id, state, message: record.message });
  return state;
}

/** Verify, activation and inactivation: nothing secret changes, so no write-ahead is needed. */
async function runWithoutNewSecret(deps: RunnerDeps, op: LoadedOperation, record: (t: string, m: string | null, ran?: RunOutcome) => AttemptRecord, control: AttemptControl): Promise<OperationState> {
  if (op.type === 'verify') return runVerify(deps, op, record);
  const outcome = await deps.port.run({ operationId: op.id, operationType: op.type, credential: op.credential, currentSecret: op.currentSecret, newSecret: null, newPublicKey: null, ...(control.signal ? { signal: control.signal } : {}) });
  if (outcome.kind === 'failed') return finishFailure(deps, op, record(outcome.transcript, outcome.message, outcome), outcome.failure);
  const now = deps.now();
  const closed = await inGroup(deps, async (trx) => {
    await trx
      .updateTable('credentials')
      .set({ status: op.type === 'credential_activation' ? 'active' : 'inactive', updated_at: now.toISOString() })
      .where('id', '=', op.credential.id)
      .execute();
    return closeAttempt(trx, record(outcome.transcript, null, outcome), 'success', 'Success', now);
  });
  if (closed) deps.onAttemptEnded({ id: op.id, code: op.code, credentialId: op.credential.id, state: 'Success', message: null });
  return 'Success';
}

/**
 * A fresh login with the vault's secret. When the credential's last change is Unverified, that is
 * settled first (the runner's settle path, which may adopt the candidate), so the verify checks the
 * secret the vault holds after settling.
 */
async function runVerify(deps: RunnerDeps, loaded: LoadedOperation, record: (t: string, m: string | null) => AttemptRecord): Promise<OperationState> {
  const settled = deps.settleFirst ? await deps.settleFirst(loaded.credential.id) : false;
  const op = settled ? await loadOperation(deps, loaded.id) : loaded;
  const verdict = op.currentSecret === null ? 'rejected' : await deps.port.tryLogin(op.credential, op.currentSecret);
  if (verdict !== 'accepted' && verdict !== 'rejected') return finishFailure(deps, op, record('', inconclusiveLogin(verdict)), 'transport');
  const now = deps.now();
  const inSync = verdict === 'accepted';
  // A refused login is an answer, not a transient failure: no retry.
  const why = inSync ? null : 'The target refused the vault secret: NotInSync. Reset the credential or reconcile it.';
  const closed = await inGroup(deps, async (trx) => {
    await trx
      .updateTable('credentials')
      .set({ in_sync: inSync ? 'InSync' : 'NotInSync', last_verified_at: now.toISOString() })
      .where('id', '=', op.credential.id)
      .execute();
    return inSync
      ? closeAttempt(trx, record('', 'A fresh login with the vault secret succeeded: InSync.'), 'success', 'Success', now)
      : closeAttempt(trx, record('', why), 'error', 'Error', now);
  });
  const state: OperationState = inSync ? 'Success' : 'Error';
  if (closed) deps.onAttemptEnded({ id: op.id, code: op.code, credentialId: op.credential.id, state, message: why });
  return state;
}

function inconclusiveLogin(verdict: 'unreachable' | 'host-key-mismatch' | 'host-key-untrusted'): string {
  switch (verdict) {
    case 'unreachable':
      return 'The device could not be reached; it will be tried again.';
    case 'host-key-mismatch':
      return 'host key changed: the device presented a different host key than the one pinned. Nothing was sent; check the device, then trust its new key if it is genuine.';
    case 'host-key-untrusted':
      return "The device's host key is not trusted yet: trust it (device dialog or `pamdesk device trust`) after checking its fingerprint.";
  }
}

/**
 * An exception while preparing or running the attempt (a row gone, a sealed field that will not
 * open, a bug). The attempt ends with a message in the user's words, and the error is reported to
 * main's log without its content. If a candidate may have reached the target, the operation is
 * Unverified (the candidate is kept and the runner settles it); otherwise it is Error: retrying
 * blindly would meet the same failure.
 */
async function endAfterException(deps: RunnerDeps, claimed: { readonly id: number; readonly attemptId: number }, error: unknown): Promise<OperationState> {
  deps.onUnexpected?.(claimed.id, error);
  try {
    const row = deps.driver.prepare('SELECT code, credential_id, candidate_sent, candidate_secret IS NOT NULL AS has_candidate FROM operations WHERE id = ?').get(claimed.id) as
      | { code: string; credential_id: number; candidate_sent: number; has_candidate: number }
      | undefined;
    if (!row) return 'Error';
    const cause = error instanceof AppFailure ? error.message : 'pamdesk failed unexpectedly during this attempt (the details are in the application log).';
    const mayHoldCandidate = row.candidate_sent === 1 && row.has_candidate === 1;
    const state: OperationState = mayHoldCandidate ? 'Unverified' : 'Error';
    const message = mayHoldCandidate
      ? `Unverified: ${cause} The new secret may have reached the target; it is kept on this operation and pamdesk retries the logins by itself.`
      : `${cause} Nothing was changed on the target. Fix the cause, then restart the operation.`;
    const closed = await closeAttempt(deps.db, { operationId: claimed.id, attemptId: claimed.attemptId, transcript: '', message }, mayHoldCandidate ? 'unverified' : 'error', state, deps.now(), {
      candidate: mayHoldCandidate ? 'keep' : 'unsend',
    });
    if (closed) deps.onAttemptEnded({ id: claimed.id, code: row.code, credentialId: row.credential_id, state, message });
    return state;
  } catch (closing) {
    // The vault itself is failing (closed, disk full): the lease lapses and recovery settles it.
    deps.onUnexpected?.(claimed.id, closing);
    return 'Running';
  }
}

export async function loadOperation(deps: RunnerDeps, id: number): Promise<LoadedOperation> {
  const row = await selectOperationRow(deps.db, id);
  if (!row) throw new AppFailure('NOT_FOUND', `Operation ${id} is no longer in the vault.`);
  if (row.credential_id === null || row.identifier === null || row.username === null || row.kind === null || row.device_id === null || row.version === null) {
    throw new AppFailure('NOT_FOUND', `The credential of ${row.code} is no longer in the vault, so it cannot run. Cancel the operation.`);
  }
  const settings = parseSettings(row.execution_settings);
  return {
    id: row.id,
    code: row.code,
    type: row.type,
    trigger: row.trigger,
    requester: row.requester,
    attemptsMade: row.attempts_made,
    maxAttempts: row.max_attempts,
    candidate:
      row.candidate_secret === null
        ? null
        : {
            secret: openCandidate(deps.fields, row.id, row.candidate_secret),
            publicKey: row.candidate_public_key,
            baseVersion: row.base_version ?? row.version,
            preset: row.candidate_preset === 1,
            sent: row.candidate_sent === 1,
          },
    // A fresh object per attempt: ports keep what they read for an attempt on it (CredentialSnapshot).
    credential: { id: row.credential_id, identifier: row.identifier, username: row.username, kind: row.kind, deviceId: row.device_id, version: row.version },
    currentSecret: row.content === null ? null : openCredentialField(deps.fields, row.credential_id, 'content', row.content),
    reconcileOnFailure: settings.status === true,
    settleTries: row.settle_tries,
    humanRefusal: changeRefusal({ identifier: row.identifier, needs_human_interaction: row.needs_human_interaction ?? 0 }),
  };
}

function parseSettings(json: string | null): { status?: unknown } {
  if (!json) return {};
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null ? (parsed as { status?: unknown }) : {};
  } catch {
    return {};
  }
}
