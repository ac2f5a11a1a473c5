import { sql, type Kysely, type Transaction } from 'kysely';
import { changesSecret, isSettleable } from '../../shared/domain/operation-rules';
import { AppFailure } from '../../shared/errors';
import { appendAudit } from '../audit/append-audit';
import type { AuditShell } from '../audit/audit-entry';
import { sealCredentialField } from '../credentials/credential-secrets';
import { keepReplacedSecret } from '../credentials/secret-history';
import type { VaultDatabase } from '../vault/database/vault-schema';
import type { FieldCipher } from '../vault/field-cipher';
import { openCandidate } from './operation-candidate';
import type { OperationState } from './operation-model';
import { createOperation, IMMEDIATE_PRIORITY } from './operation-store';
import { scheduleChildren } from './run-operation';

export interface SettleActor {
  readonly db: Kysely<VaultDatabase>;
  readonly fields: FieldCipher;
  readonly actor: string;
  readonly shell: AuditShell;
  readonly now: Date;
  readonly maxAttempts: number;
}

export type TargetHolds = 'candidate' | 'current';

interface UnverifiedRow {
  readonly id: number;
  readonly code: string;
  readonly type: string;
  readonly credential_id: number;
  readonly candidate_secret: Buffer | null;
  readonly candidate_public_key: string | null;
  readonly lease_owner: string | null;
  readonly lease_expires_at: string | null;
}

/** The Unverified operation an administrator acts on, refused with a reason when it is not one. */
async function unverified(trx: Transaction<VaultDatabase>, code: string, now: Date): Promise<UnverifiedRow & { readonly candidate_secret: Buffer }> {
  const op = await trx
    .selectFrom('operations')
    .select(['id', 'code', 'type', 'state', 'credential_id', 'candidate_secret', 'candidate_public_key', 'lease_owner', 'lease_expires_at'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!op) throw new AppFailure('NOT_FOUND', `No operation has code ${code}.`);
  if (!isSettleable(op.state) || !changesSecret(op.type)) throw new AppFailure('CONFLICT', `Operation ${code} is ${op.state}; only an Unverified change can be settled.`);
  if (op.candidate_secret === null) throw new AppFailure('CONFLICT', `Operation ${code} has no candidate on record; verify its credential instead.`);
  if (op.lease_owner !== null && op.lease_expires_at !== null && op.lease_expires_at >= now.toISOString()) {
    throw new AppFailure('CONFLICT', `The runner is checking ${code} against the target right now; try again in a minute.`);
  }
  return { ...op, candidate_secret: op.candidate_secret };
}

/** Records the administrator's settlement as an attempt, so the operation's history shows it. */
async function recordAttempt(trx: Transaction<VaultDatabase>, operationId: number, outcome: 'success' | 'error', message: string, by: SettleActor): Promise<void> {
  const last = await trx.selectFrom('attempts').select(sql<number>`coalesce(max(number), 0)`.as('n')).where('operation_id', '=', operationId).executeTakeFirstOrThrow();
  const stamp = by.now.toISOString();
  // A settle try the runner left open decided nothing.
  await trx.updateTable('attempts').set({ ended_at: stamp, outcome: 'interrupted' }).where('operation_id', '=', operationId).where('ended_at', 'is', null).execute();
  await trx
    .insertInto('attempts')
    .values({ operation_id: operationId, number: Number(last.n) + 1, started_at: stamp, ended_at: stamp, outcome, transcript: '', error: outcome === 'success' ? null : message, runner: `by hand: ${by.actor}` })
    .execute();
}

async function endOperation(trx: Transaction<VaultDatabase>, operationId: number, state: OperationState, message: string, now: Date): Promise<void> {
  const stamp = now.toISOString();
  await trx
    .updateTable('operations')
    .set({
      state,
      message,
      finished_at: stamp,
      updated_at: stamp,
      lease_owner: null,
      lease_expires_at: null,
      settle_at: null,
      settle_tries: 0,
      candidate_secret: null,
      candidate_public_key: null,
      base_version: null,
      candidate_sent: 0,
      candidate_preset: 0,
    })
    .where('id', '=', operationId)
    .execute();
}

/**
 * An administrator says which secret the target holds, without a login proof (the target may be
 * unreachable for good, or the administrator checked it by other means):
 * - candidate: the vault adopts the kept candidate (its InSync becomes unknown: nobody proved it);
 * - current: the candidate is discarded and the change ends in Error (a new one can be requested).
 * The change, the attempt that records it and the audit entry commit together.
 */
export async function settleByHand(by: SettleActor, code: string, targetHolds: TargetHolds): Promise<void> {
  await by.db.transaction().execute(async (trx) => {
    const op = await unverified(trx, code, by.now);
    const stamp = by.now.toISOString();
    if (targetHolds === 'candidate') {
      const secret = openCandidate(by.fields, op.id, op.candidate_secret);
      await keepReplacedSecret(trx, by.fields, { credentialId: op.credential_id, newSecret: secret, reason: 'change', operationCode: op.code, replacedBy: by.actor, at: stamp });
      await trx
        .updateTable('credentials')
        .set({
          content: sealCredentialField(by.fields, op.credential_id, 'content', secret),
          ...(op.candidate_public_key ? { public_key: op.candidate_public_key } : {}),
          version: sql<number>`version + 1`,
          last_changed_at: stamp,
          in_sync: 'unknown',
          updated_at: stamp,
        })
        .where('id', '=', op.credential_id)
        .execute();
      const message = `Settled by ${by.actor}: the target holds the candidate, so the vault adopted it (no login proof; verify the credential to confirm).`;
      await recordAttempt(trx, op.id, 'success', message, by);
      await endOperation(trx, op.id, 'Success', message, by.now);
      await scheduleChildren(trx, op.id, op.credential_id, by.maxAttempts, by.now);
    } else {
      const message = `Settled by ${by.actor}: the target holds the current secret, so the change did not happen; the candidate was discarded.`;
      await recordAttempt(trx, op.id, 'error', message, by);
      await endOperation(trx, op.id, 'Error', message, by.now);
    }
    await appendAudit(trx, { actor: by.actor, shell: by.shell, action: 'operation.settle', objectType: 'operation', objectId: op.code, details: { credential: op.credential_id, targetHolds, proof: 'none' } });
  });
}

/**
 * The other way out: a reconcile sets a fresh secret with the reconciliation credential, whatever
 * the target holds now. The Unverified change ends (Canceled, its candidate discarded: the reconcile
 * replaces it) and the reconcile is scheduled at once, with the audit entry, in one transaction.
 */
export async function settleByReconcile(by: SettleActor, code: string): Promise<{ readonly reconcileCode: string }> {
  return by.db.transaction().execute(async (trx) => {
    const op = await unverified(trx, code, by.now);
    const credential = await trx.selectFrom('credentials').select(['identifier', 'execution_settings']).where('id', '=', op.credential_id).executeTakeFirstOrThrow();
    const settings = credential.execution_settings ? (JSON.parse(credential.execution_settings) as { reconciliation_credential?: unknown; reconciliation_template?: unknown }) : {};
    if (typeof settings.reconciliation_credential !== 'string' || typeof settings.reconciliation_template !== 'string') {
      throw new AppFailure('VALIDATION', `${credential.identifier} has no reconciliation credential and template in its execution settings: set them, or settle by saying which secret the target holds.`);
    }
    const reconcile = await createOperation(trx, { type: 'reconcile', credentialId: op.credential_id, requester: by.actor, trigger: 'manual', maxAttempts: by.maxAttempts, priority: IMMEDIATE_PRIORITY }, by.now);
    const next = reconcile.state === 'AwaitingApproval' ? 'which sets a fresh secret once an approver accepts it' : 'which sets a fresh secret';
    const message = `Settled by ${by.actor}: superseded by reconcile ${reconcile.code}, ${next}; the candidate was discarded.`;
    await recordAttempt(trx, op.id, 'error', message, by);
    await endOperation(trx, op.id, 'Canceled', message, by.now);
    await appendAudit(trx, { actor: by.actor, shell: by.shell, action: 'operation.settle', objectType: 'operation', objectId: op.code, details: { credential: op.credential_id, reconcile: reconcile.code } });
    return { reconcileCode: reconcile.code };
  });
}

/** The kept candidate of an Unverified change, for an administrator to check the target by hand; audited with the read. */
export async function revealCandidate(by: Pick<SettleActor, 'db' | 'fields' | 'actor' | 'shell' | 'now'>, code: string): Promise<string> {
  return by.db.transaction().execute(async (trx) => {
    const op = await trx.selectFrom('operations').select(['id', 'code', 'state', 'type', 'credential_id', 'candidate_secret']).where('code', '=', code).executeTakeFirst();
    if (!op) throw new AppFailure('NOT_FOUND', `No operation has code ${code}.`);
    if (!isSettleable(op.state) || op.candidate_secret === null) throw new AppFailure('CONFLICT', `Operation ${code} is ${op.state} and keeps no candidate; only an Unverified change has one to reveal.`);
    const secret = openCandidate(by.fields, op.id, op.candidate_secret);
    await appendAudit(trx, { actor: by.actor, shell: by.shell, action: 'operation.reveal_candidate', objectType: 'operation', objectId: op.code, details: { credential: op.credential_id } });
    return secret;
  });
}

/**
 * Seed 003's vault-only reset settles the credential's Unverified change too: the operator states the
 * secret the target holds, which becomes the vault's. Called inside the reset's transaction, so the
 * reset, the settlement and their audit entries commit together. Returns the settled code, if any.
 */
export async function settleByVaultReset(trx: Transaction<VaultDatabase>, credentialId: number, by: { readonly actor: string; readonly shell: AuditShell; readonly now: Date }): Promise<string | null> {
  const op = await trx
    .selectFrom('operations')
    .select(['id', 'code', 'type'])
    .where('credential_id', '=', credentialId)
    .where('state', '=', 'Unverified')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!op || !changesSecret(op.type)) return null;
  const message = `Settled by a vault-only reset by ${by.actor}: the vault now holds the secret the operator stated the target holds; the candidate was discarded.`;
  const last = await trx.selectFrom('attempts').select(sql<number>`coalesce(max(number), 0)`.as('n')).where('operation_id', '=', op.id).executeTakeFirstOrThrow();
  const stamp = by.now.toISOString();
  await trx.updateTable('attempts').set({ ended_at: stamp, outcome: 'interrupted' }).where('operation_id', '=', op.id).where('ended_at', 'is', null).execute();
  await trx.insertInto('attempts').values({ operation_id: op.id, number: Number(last.n) + 1, started_at: stamp, ended_at: stamp, outcome: 'error', transcript: '', error: message, runner: `by hand: ${by.actor}` }).execute();
  await endOperation(trx, op.id, 'Canceled', message, by.now);
  await appendAudit(trx, { actor: by.actor, shell: by.shell, action: 'operation.settle', objectType: 'operation', objectId: op.code, details: { credential: credentialId, by: 'vault_reset' } });
  return op.code;
}
