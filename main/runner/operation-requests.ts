import type { Kysely } from 'kysely';
import type { RequestResult } from '../../shared/contract/operation-channels';
import { AppFailure } from '../../shared/errors';
import { changeRefusal } from '../../shared/domain/change-refusal';
import type { VaultDatabase } from '../vault/database/vault-schema';
import type { OperationType } from './operation-model';
import { createOperation, IMMEDIATE_PRIORITY } from './operation-store';

interface Requester {
  readonly username: string;
  readonly maxAttempts: number;
  readonly now: Date;
}

const OPEN_STATES = ['Scheduled', 'AwaitingApproval', 'Running'] as const;

/**
 * Seed 000's "Request password change": only active credentials with automatic change configured.
 * Each gets an operation scheduled now; the request resets its trigger counters and, the first time,
 * records the manual change that lets automatic changes begin.
 */
export async function requestChanges(db: Kysely<VaultDatabase>, credentialIds: readonly number[], by: Requester): Promise<RequestResult> {
  return db.transaction().execute(async (trx) => {
    const scheduled: { credentialId: number; code: string }[] = [];
    const refused: { credentialId: number; reason: string }[] = [];
    for (const id of new Set(credentialIds)) {
      const credential = await trx
        .selectFrom('credentials')
        .select(['id', 'identifier', 'kind', 'status', 'automatic_change', 'execution_settings', 'criticality', 'needs_human_interaction'])
        .where('id', '=', id)
        .executeTakeFirst();
      const reason = !credential
        ? `No credential has id ${id}.`
        : credential.status !== 'active'
          ? `${credential.identifier} is inactive: activate it before changing its password.`
          : // Seed 000: MFA / human interaction: never changed by request either.
            (changeRefusal(credential) ??
            (credential.automatic_change !== 1 || !hasChangeTemplate(credential.execution_settings)
              ? `${credential.identifier} has no automatic change configured: set the change plugin and template in its execution settings.`
              : await openOperationReason(trx, id)));
      if (!credential || reason) {
        refused.push({ credentialId: id, reason: reason ?? `No credential has id ${id}.` });
        continue;
      }
      const type: OperationType = credential.kind === 'ssh_key' ? 'ssh_key_rotation' : 'change_password';
      // A highly critical credential changes only after a second person approves (four-eyes).
      const needsApproval = credential.criticality === 'high';
      const op = await createOperation(trx, { type, credentialId: id, requester: by.username, trigger: 'manual', maxAttempts: by.maxAttempts, ...(needsApproval ? { state: 'AwaitingApproval' as const } : {}) }, by.now);
      const stamp = by.now.toISOString();
      await trx
        .updateTable('credentials')
        .set((eb) => ({ trigger_counters_reset_at: stamp, first_manual_change_at: eb.fn.coalesce('first_manual_change_at', eb.val(stamp)) }))
        .where('id', '=', id)
        .execute();
      scheduled.push({ credentialId: id, code: op.code });
    }
    return { scheduled, refused };
  });
}

/** Verify operations: a fresh login with the vault's secret; any credential with a device. */
export async function requestVerifications(db: Kysely<VaultDatabase>, credentialIds: readonly number[], by: Requester): Promise<RequestResult> {
  return db.transaction().execute(async (trx) => {
    const scheduled: { credentialId: number; code: string }[] = [];
    const refused: { credentialId: number; reason: string }[] = [];
    for (const id of new Set(credentialIds)) {
      const exists = await trx.selectFrom('credentials').select('id').where('id', '=', id).executeTakeFirst();
      if (!exists) {
        refused.push({ credentialId: id, reason: `No credential has id ${id}.` });
        continue;
      }
      const op = await createOperation(trx, { type: 'verify', credentialId: id, requester: by.username, trigger: 'manual', maxAttempts: by.maxAttempts }, by.now);
      scheduled.push({ credentialId: id, code: op.code });
    }
    return { scheduled, refused };
  });
}

function hasChangeTemplate(executionSettings: string | null): boolean {
  if (!executionSettings) return false;
  const settings = JSON.parse(executionSettings) as { change_template?: unknown };
  return typeof settings.change_template === 'string' && settings.change_template.trim() !== '';
}

async function openOperationReason(db: Kysely<VaultDatabase>, credentialId: number): Promise<string | undefined> {
  const open = await db
    .selectFrom('operations')
    .select(['code', 'state'])
    .where('credential_id', '=', credentialId)
    .where('type', 'in', ['change_password', 'child_password_change', 'reconcile', 'ssh_key_rotation'])
    .where((eb) => eb.or([eb('state', 'in', OPEN_STATES), eb('state', '=', 'Unverified')]))
    .executeTakeFirst();
  if (!open) return undefined;
  return open.state === 'Unverified'
    ? `Operation ${open.code} left this credential Unverified: settle it (verify or reset) before another change.`
    : `Operation ${open.code} is already ${open.state} for this credential.`;
}

/** Cancel: only while Scheduled or Awaiting approval (seed 000). */
export async function cancelOperation(db: Kysely<VaultDatabase>, code: string, now: Date): Promise<void> {
  const result = await db
    .updateTable('operations')
    .set({ state: 'Canceled', finished_at: now.toISOString(), updated_at: now.toISOString(), message: 'Canceled by request.' })
    .where('code', '=', code)
    .where('state', 'in', ['Scheduled', 'AwaitingApproval'])
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) await explainRefusal(db, code, 'canceled', 'Scheduled or Awaiting approval');
}

/** Restart: only from Error; the attempts count starts again. */
export async function restartOperation(db: Kysely<VaultDatabase>, code: string, now: Date): Promise<void> {
  const stamp = now.toISOString();
  const result = await db
    .updateTable('operations')
    .set({ state: 'Scheduled', attempts_made: 0, next_attempt_at: stamp, finished_at: null, updated_at: stamp, message: 'Restarted by request.' })
    .where('code', '=', code)
    .where('state', '=', 'Error')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) await explainRefusal(db, code, 'restarted', 'Error');
}

/** Request immediate execution: to the front of the queue, due now. */
export async function runOperationNow(db: Kysely<VaultDatabase>, code: string, now: Date): Promise<void> {
  const stamp = now.toISOString();
  const result = await db
    .updateTable('operations')
    .set({ priority: IMMEDIATE_PRIORITY, next_attempt_at: stamp, updated_at: stamp })
    .where('code', '=', code)
    .where('state', '=', 'Scheduled')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) await explainRefusal(db, code, 'run now', 'Scheduled');
}

async function explainRefusal(db: Kysely<VaultDatabase>, code: string, action: string, allowed: string): Promise<never> {
  const op = await db.selectFrom('operations').select('state').where('code', '=', code).executeTakeFirst();
  if (!op) throw new AppFailure('NOT_FOUND', `No operation has code ${code}.`);
  throw new AppFailure('CONFLICT', `Operation ${code} is ${op.state}; it can be ${action} only while ${allowed}.`);
}
