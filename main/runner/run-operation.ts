import { sql } from 'kysely';
import { sealCredentialField, openCredentialField } from '../credentials/credential-secrets';
import { appendAudit } from '../audit/append-audit';
import { closeAttempt, failAttempt, type AttemptRecord } from './operation-outcomes';
import { changesSecret, type OperationState, type OperationType } from './operation-model';
import { skipHumanOnlyChild } from './change-guard';
import { createOperation } from './operation-store';
import type { CredentialSnapshot, RunOutcome } from './ports';
import type { RunnerDeps } from './runner-deps';

interface LoadedOperation {
  readonly id: number;
  readonly code: string;
  readonly type: OperationType;
  readonly attemptsMade: number;
  readonly maxAttempts: number;
  readonly candidate: { readonly secret: string; readonly publicKey: string | null; readonly baseVersion: number; readonly preset: boolean; readonly sent: boolean } | null;
  readonly credential: CredentialSnapshot;
  readonly currentSecret: string | null;
  readonly reconcileOnFailure: boolean;
}

const CANDIDATE_AT = (operationId: number) => ({ table: 'operations', column: 'candidate_secret', rowId: String(operationId) });

/** Runs one claimed attempt of an operation to its end. Never throws for a target's failure. */
export async function runClaimedOperation(deps: RunnerDeps, claimed: { readonly id: number; readonly attemptId: number }): Promise<OperationState> {
  const op = await loadOperation(deps, claimed.id);
  deps.checkpoint?.('claimed');
  const record = (transcript: string, message: string | null): AttemptRecord => ({ operationId: op.id, attemptId: claimed.attemptId, transcript, message });

  if (!changesSecret(op.type)) return runWithoutNewSecret(deps, op, record);

  if (op.candidate?.sent) {
    // A candidate that may have reached the target is on record: an earlier life of this
    // operation was interrupted. Find out what the target holds before anything else is sent.
    return resolveCandidate(deps, op, op.candidate, record('', null), 'Resumed with the candidate stored by an earlier attempt.');
  }
  let candidate: NonNullable<LoadedOperation['candidate']>;
  if (op.candidate) {
    // The request brought its candidate (reset dialog): mark it sent, write-ahead, then use it.
    candidate = { ...op.candidate, sent: true };
    await deps.db.updateTable('operations').set({ candidate_sent: 1, base_version: op.credential.version }).where('id', '=', op.id).where('lease_owner', '=', deps.owner).execute();
  } else {
    let fresh: Awaited<ReturnType<RunnerDeps['generate']>>;
    try {
      fresh = await deps.generate(op.credential);
    } catch (error) {
      // The policy or key type cannot produce a candidate (e.g. ssh-dss): no attempt can succeed
      // until someone fixes the credential, so this ends in Error at once; the target was not touched.
      const why = `No new secret could be generated: ${error instanceof Error ? error.message : String(error)}`;
      await closeAttempt(deps.db, record('', why), 'error', 'Error', deps.now(), { clearCandidate: true });
      deps.onAttemptEnded({ id: op.id, code: op.code, credentialId: op.credential.id, state: 'Error', message: why });
      return 'Error';
    }
    // Write-ahead: the candidate is sealed and committed before the target is touched, so a crash
    // from here on leaves a record of every secret the target might hold.
    await deps.db
      .updateTable('operations')
      .set({
        candidate_secret: deps.fields.seal(fresh.secret, CANDIDATE_AT(op.id)),
        candidate_public_key: fresh.publicKey,
        base_version: op.credential.version,
        candidate_sent: 1,
        updated_at: deps.now().toISOString(),
      })
      .where('id', '=', op.id)
      .where('lease_owner', '=', deps.owner)
      .execute();
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
  });
  await recordTemplate(deps, op.id, outcome);
  deps.checkpoint?.('template-ran');

  if (outcome.kind === 'failed' && !outcome.touched) {
    return finishFailure(deps, op, record(outcome.transcript, outcome.message));
  }
  const message = outcome.kind === 'failed' ? outcome.message : null;
  return resolveCandidate(deps, op, candidate, record(outcome.transcript, message), message);
}

/**
 * The truth is what the target accepts. The candidate logs in: adopt it. The current secret still
 * logs in: the change did not happen, discard the candidate. Neither: nobody can say which secret the
 * target holds; keep the candidate and say so (Unverified), never guess.
 */
export async function resolveCandidate(
  deps: RunnerDeps,
  op: LoadedOperation,
  candidate: NonNullable<LoadedOperation['candidate']>,
  record: AttemptRecord,
  failureMessage: string | null,
): Promise<OperationState> {
  const candidateVerdict = await deps.port.tryLogin(op.credential, candidate.secret);
  deps.checkpoint?.('candidate-verified');
  if (candidateVerdict === 'accepted') return promote(deps, op, candidate, record);

  const currentVerdict = op.currentSecret === null ? 'rejected' : await deps.port.tryLogin(op.credential, op.currentSecret);
  if (currentVerdict === 'accepted') {
    const why = failureMessage ?? 'The template ran, but the target still accepts the current secret and refuses the new one.';
    return finishFailure(deps, op, { ...record, message: why });
  }
  const why =
    `Unverified: the target refused the new secret (${candidateVerdict}) and the current one (${currentVerdict}). ` +
    'The candidate is kept on this operation; verify the account by hand or reconcile it.' +
    (failureMessage ? ` Template: ${failureMessage}` : '');
  await closeAttempt(deps.db, { ...record, message: why }, 'unverified', 'Unverified', deps.now());
  deps.onAttemptEnded({ id: op.id, code: op.code, credentialId: op.credential.id, state: 'Unverified', message: why });
  return 'Unverified';
}

async function promote(deps: RunnerDeps, op: LoadedOperation, candidate: NonNullable<LoadedOperation['candidate']>, record: AttemptRecord): Promise<OperationState> {
  const now = deps.now();
  const stamp = now.toISOString();
  const promoted = await deps.db.transaction().execute(async (trx) => {
    // Compare-and-swap on the version the candidate was made against: an edit made meanwhile is
    // not silently overwritten.
    const result = await trx
      .updateTable('credentials')
      .set({
        content: sealCredentialField(deps.fields, op.credential.id, 'content', candidate.secret),
        ...(candidate.publicKey ? { public_key: candidate.publicKey } : {}),
        version: sql<number>`version + 1`,
        last_changed_at: stamp,
        in_sync: 'InSync',
        last_verified_at: stamp,
        updated_at: stamp,
      })
      .where('id', '=', op.credential.id)
      .where('version', '=', candidate.baseVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await closeAttempt(trx, { ...record, message: 'The new secret was set and a fresh login with it succeeded.' }, 'success', 'Success', now, { clearCandidate: true });
    await appendAudit(trx, {
      actor: 'system',
      shell: 'system',
      action: 'credential.rotated',
      objectType: 'credential',
      objectId: String(op.credential.id),
      details: { operation: op.code, type: op.type },
    });
    await scheduleChildren(deps, trx, op, now);
    return true;
  });
  if (!promoted) {
    const why = 'Unverified: the target accepts the new secret, but the credential was edited in the vault meanwhile. The candidate is kept on this operation; resolve it from the reset dialog.';
    await closeAttempt(deps.db, { ...record, message: why }, 'unverified', 'Unverified', now);
    deps.onAttemptEnded({ id: op.id, code: op.code, credentialId: op.credential.id, state: 'Unverified', message: why });
    return 'Unverified';
  }
  deps.checkpoint?.('promoted');
  deps.onAttemptEnded({ id: op.id, code: op.code, credentialId: op.credential.id, state: 'Success', message: null });
  return 'Success';
}

/** A parent's successful change gives each active child a child password change (seed 002). */
async function scheduleChildren(deps: RunnerDeps, trx: Parameters<typeof createOperation>[0], op: LoadedOperation, now: Date): Promise<void> {
  const children = await trx.selectFrom('credentials').select(['id', 'identifier', 'needs_human_interaction']).where('parent_credential_id', '=', op.credential.id).where('status', '=', 'active').execute();
  for (const child of children) {
    // Seed 000's MFA / human-interaction rule: such a child is skipped, recorded in the audit trail.
    if (await skipHumanOnlyChild(trx, { code: op.code, credentialId: op.credential.id }, child)) continue;
    await createOperation(
      trx,
      { type: 'child_password_change', credentialId: child.id, requester: 'system', trigger: 'parent_chain', maxAttempts: deps.settings().attempts, parentOperationId: op.id },
      now,
    );
  }
}

async function finishFailure(deps: RunnerDeps, op: LoadedOperation, record: AttemptRecord): Promise<OperationState> {
  const now = deps.now();
  if (op.candidate?.preset) {
    // A typed or dialog-generated secret is what the operator asked for: the runner does not swap
    // in a different one on retry. The request ends; the operator decides what next.
    await closeAttempt(deps.db, record, 'error', 'Error', now, { clearCandidate: true });
    deps.onAttemptEnded({ id: op.id, code: op.code, credentialId: op.credential.id, state: 'Error', message: record.message });
    return 'Error';
  }
  const state = await failAttempt(deps.db, record, op.attemptsMade, op.maxAttempts, deps.settings(), now);
  if (state === 'Error' && op.reconcileOnFailure && op.type !== 'reconcile' && changesSecret(op.type)) {
    await createOperation(deps.db, { type: 'reconcile', credentialId: op.credential.id, requester: 'system', trigger: 'reconcile_after_failure', maxAttempts: deps.settings().attempts }, now);
  }
  deps.onAttemptEnded({ id: op.id, code: op.code, credentialId: op.credential.id, state, message: record.message });
  return state;
}

/** Verify, activation and inactivation: nothing secret changes, so no write-ahead is needed. */
async function runWithoutNewSecret(deps: RunnerDeps, op: LoadedOperation, record: (t: string, m: string | null) => AttemptRecord): Promise<OperationState> {
  const now = deps.now();
  if (op.type === 'verify') {
    const verdict = op.currentSecret === null ? 'rejected' : await deps.port.tryLogin(op.credential, op.currentSecret);
    if (verdict !== 'accepted' && verdict !== 'rejected') return finishFailure(deps, op, record('', inconclusiveLogin(verdict)));
    const inSync = verdict === 'accepted';
    await deps.db
      .updateTable('credentials')
      .set({ in_sync: inSync ? 'InSync' : 'NotInSync', last_verified_at: now.toISOString() })
      .where('id', '=', op.credential.id)
      .execute();
    if (inSync) {
      await closeAttempt(deps.db, record('', 'A fresh login with the vault secret succeeded: InSync.'), 'success', 'Success', now);
      deps.onAttemptEnded({ id: op.id, code: op.code, credentialId: op.credential.id, state: 'Success', message: null });
      return 'Success';
    }
    // A refused login is an answer, not a transient failure: no retry.
    const why = 'The target refused the vault secret: NotInSync. Reset the credential or reconcile it.';
    await closeAttempt(deps.db, record('', why), 'error', 'Error', now);
    deps.onAttemptEnded({ id: op.id, code: op.code, credentialId: op.credential.id, state: 'Error', message: why });
    return 'Error';
  }
  const outcome = await deps.port.run({ operationId: op.id, operationType: op.type, credential: op.credential, currentSecret: op.currentSecret, newSecret: null, newPublicKey: null });
  await recordTemplate(deps, op.id, outcome);
  if (outcome.kind === 'failed') return finishFailure(deps, op, record(outcome.transcript, outcome.message));
  await deps.db
    .updateTable('credentials')
    .set({ status: op.type === 'credential_activation' ? 'active' : 'inactive', updated_at: now.toISOString() })
    .where('id', '=', op.credential.id)
    .execute();
  await closeAttempt(deps.db, record(outcome.transcript, null), 'success', 'Success', now);
  deps.onAttemptEnded({ id: op.id, code: op.code, credentialId: op.credential.id, state: 'Success', message: null });
  return 'Success';
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

async function recordTemplate(deps: RunnerDeps, operationId: number, outcome: RunOutcome): Promise<void> {
  if (outcome.templateId === null) return;
  await deps.db.updateTable('operations').set({ template_id: outcome.templateId, template_version: outcome.templateVersion }).where('id', '=', operationId).execute();
}

export async function loadOperation(deps: RunnerDeps, id: number): Promise<LoadedOperation> {
  const row = await deps.db
    .selectFrom('operations as o')
    .innerJoin('credentials as c', 'c.id', 'o.credential_id')
    .select([
      'o.id',
      'o.code',
      'o.type',
      'o.attempts_made',
      'o.max_attempts',
      'o.candidate_secret',
      'o.candidate_public_key',
      'o.base_version',
      'o.candidate_preset',
      'o.candidate_sent',
      'c.id as credential_id',
      'c.identifier',
      'c.username',
      'c.kind',
      'c.device_id',
      'c.version',
      'c.content',
      'c.execution_settings',
    ])
    .where('o.id', '=', id)
    .executeTakeFirstOrThrow();
  const settings = row.execution_settings ? (JSON.parse(row.execution_settings) as { status?: boolean }) : {};
  return {
    id: row.id,
    code: row.code,
    type: row.type,
    attemptsMade: row.attempts_made,
    maxAttempts: row.max_attempts,
    candidate:
      row.candidate_secret === null
        ? null
        : {
            secret: deps.fields.open(row.candidate_secret, CANDIDATE_AT(row.id)),
            publicKey: row.candidate_public_key,
            baseVersion: row.base_version ?? row.version,
            preset: row.candidate_preset === 1,
            sent: row.candidate_sent === 1,
          },
    credential: { id: row.credential_id, identifier: row.identifier, username: row.username, kind: row.kind, deviceId: row.device_id, version: row.version },
    currentSecret: row.content === null ? null : openCredentialField(deps.fields, row.credential_id, 'content', row.content),
    reconcileOnFailure: settings.status === true,
  };
}
