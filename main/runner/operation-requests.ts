import { CANCELABLE_STATES, hasChangeTemplate, OPEN_STATES, parseChangeSettings, SECRET_CHANGING_TYPES } from '../../shared/domain/operation-rules';
import type { Kysely } from 'kysely';
import type { RequestResult } from '../../shared/contract/operation-channels';
import { AppFailure } from '../../shared/errors';
import type { Role } from '../../shared/roles';
import type { Shell } from '../../shared/shells';
import { appendAudit } from '../audit/append-audit';
import { operationNeedsApproval } from '../../shared/domain/approval-rules';
import { changeRefusal } from '../../shared/domain/change-refusal';
import { inTransaction } from '../vault/database/in-transaction';
import type { VaultDatabase } from '../vault/database/vault-schema';
import type { OperationType } from './operation-model';
import { createOperation, IMMEDIATE_PRIORITY } from './operation-store';

interface Requester {
  readonly username: string;
  readonly maxAttempts: number;
  readonly now: Date;
}

/**
 * Seed 000's "Request password change": only active credentials with automatic change configured.
 * Each gets an operation scheduled now; the request resets its trigger counters and, the first time,
 * records the manual change that lets automatic changes begin.
 */
export async function requestChanges(db: Kysely<VaultDatabase>, credentialIds: readonly number[], by: Requester): Promise<RequestResult> {
  return inTransaction(db, async (trx) => {
    const scheduled: { credentialId: number; code: string }[] = [];
    const refused: { credentialId: number; reason: string }[] = [];
    for (const id of new Set(credentialIds)) {
      const credential = await trx
        .selectFrom('credentials')
        .select(['id', 'identifier', 'kind', 'status', 'automatic_change', 'execution_settings', 'needs_human_interaction'])
        .where('id', '=', id)
        .executeTakeFirst();
      const reason = !credential
        ? `No credential has id ${id}.`
        : credential.status !== 'active'
          ? `${credential.identifier} is inactive: activate it before changing its password.`
          : // Seed 000: MFA / human interaction: never changed by request either.
            (changeRefusal(credential) ??
            (credential.automatic_change !== 1 || !hasChangeTemplate(parseChangeSettings(credential.execution_settings))
              ? `${credential.identifier} has no automatic change configured: set the change plugin and template in its execution settings.`
              : await openOperationReason(trx, id)));
      if (!credential || reason) {
        refused.push({ credentialId: id, reason: reason ?? `No credential has id ${id}.` });
        continue;
      }
      const type: OperationType = credential.kind === 'ssh_key' ? 'ssh_key_rotation' : 'change_password';
      const op = await createOperation(trx, { type, credentialId: id, requester: by.username, trigger: 'manual', maxAttempts: by.maxAttempts }, by.now);
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
  return inTransaction(db, async (trx) => {
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

/**
 * Seed 002's "request a privileged information changing reconciliation": the reconciliation
 * credential logs in and sets a fresh secret without knowing the current one. Refused, with the
 * reason, for a credential without a reconciliation credential and template, for an SSH key
 * (reconciliation templates set passwords), and while another change is open. The request and its
 * audit entry commit together.
 */
export async function requestReconciliations(db: Kysely<VaultDatabase>, credentialIds: readonly number[], by: Requester & { readonly shell: Shell }): Promise<RequestResult> {
  return inTransaction(db, async (trx) => {
    const scheduled: { credentialId: number; code: string }[] = [];
    const refused: { credentialId: number; reason: string }[] = [];
    for (const id of new Set(credentialIds)) {
      const credential = await trx.selectFrom('credentials').select(['id', 'identifier', 'kind', 'status', 'execution_settings']).where('id', '=', id).executeTakeFirst();
      const reason = !credential
        ? `No credential has id ${id}.`
        : credential.status !== 'active'
          ? `${credential.identifier} is inactive: activate it before reconciling it.`
          : credential.kind === 'ssh_key'
            ? `${credential.identifier} is an SSH key: reconciliation sets a password; request a key rotation instead.`
            : (missingReconciliationSetting(credential.execution_settings, credential.identifier) ?? (await openOperationReason(trx, id)));
      if (!credential || reason) {
        refused.push({ credentialId: id, reason: reason ?? `No credential has id ${id}.` });
        continue;
      }
      const op = await createOperation(trx, { type: 'reconcile', credentialId: id, requester: by.username, trigger: 'manual', maxAttempts: by.maxAttempts }, by.now);
      scheduled.push({ credentialId: id, code: op.code });
    }
    await appendAudit(trx, { actor: by.username, shell: by.shell, action: 'operation.request_reconcile', objectType: 'credential', details: { scheduled, refused } }, { now: () => by.now });
    return { scheduled, refused };
  });
}

function missingReconciliationSetting(executionSettings: string | null, identifier: string): string | undefined {
  const settings = executionSettings ? (JSON.parse(executionSettings) as { reconciliation_credential?: unknown; reconciliation_template?: unknown }) : {};
  const missing = [
    isText(settings.reconciliation_credential) ? undefined : 'reconciliation credential',
    isText(settings.reconciliation_template) ? undefined : 'reconciliation template',
  ].filter((m) => m !== undefined);
  if (missing.length === 0) return undefined;
  return `${identifier} has no ${missing.join(' and no ')} configured: set ${missing.length > 1 ? 'them' : 'it'} in its execution settings before reconciling.`;
}

function isText(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

async function openOperationReason(db: Kysely<VaultDatabase>, credentialId: number): Promise<string | undefined> {
  const open = await db
    .selectFrom('operations')
    .select(['code', 'state'])
    .where('credential_id', '=', credentialId)
    .where('type', 'in', SECRET_CHANGING_TYPES)
    .where('state', 'in', OPEN_STATES)
    .executeTakeFirst();
  if (!open) return undefined;
  return open.state === 'Unverified'
    ? `Operation ${open.code} left this credential Unverified: settle it (verify or reset) before another change.`
    : `Operation ${open.code} is already ${open.state} for this credential.`;
}

/** Who asks to cancel: the requester may cancel their own operation, an administrator anyone's. */
export interface Canceller {
  readonly username: string;
  readonly role: Role;
}

/** Cancel: only while Scheduled or Awaiting approval (seed 000), and only by its requester or an administrator. */
export async function cancelOperation(db: Kysely<VaultDatabase>, code: string, by: Canceller, now: Date): Promise<void> {
  let update = db
    .updateTable('operations')
    .set({ state: 'Canceled', finished_at: now.toISOString(), updated_at: now.toISOString(), message: `Canceled by ${by.username}.`, candidate_secret: null, candidate_public_key: null, base_version: null, candidate_sent: 0, candidate_preset: 0 })
    .where('code', '=', code)
    .where('state', 'in', CANCELABLE_STATES);
  if (by.role !== 'administrator') update = update.where('requester', '=', by.username);
  const result = await update.executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) return;
  const op = await db.selectFrom('operations').select('requester').where('code', '=', code).executeTakeFirst();
  if (op && by.role !== 'administrator' && op.requester !== by.username) {
    throw new AppFailure('FORBIDDEN', `Operation ${code} was requested by ${op.requester}: only they or an administrator can cancel it.`);
  }
  await explainRefusal(db, code, 'canceled', 'Scheduled or Awaiting approval');
}

/** Restart: only from Error; the attempts count starts again (a kept preset candidate is reused). */
export async function restartOperation(db: Kysely<VaultDatabase>, code: string, now: Date): Promise<void> {
  await refuseRestartPastApproval(db, code);
  const stamp = now.toISOString();
  const result = await db
    .updateTable('operations')
    .set({ state: 'Scheduled', attempts_made: 0, next_attempt_at: stamp, finished_at: null, updated_at: stamp, message: 'Restarted by request.' })
    .where('code', '=', code)
    .where('state', '=', 'Error')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) await explainRefusal(db, code, 'restarted', 'Error');
}

/**
 * An approval covers one run. A restart of a failed secret change of a highly critical credential
 * would run it again with nobody deciding (and an operation from before the approval gate was never
 * decided at all), so it is refused: a new request waits for an approver like any other.
 */
async function refuseRestartPastApproval(db: Kysely<VaultDatabase>, code: string): Promise<void> {
  const op = await db
    .selectFrom('operations as o')
    .innerJoin('credentials as c', 'c.id', 'o.credential_id')
    .select(['o.type', 'o.state', 'c.identifier', 'c.criticality'])
    .where('o.code', '=', code)
    .executeTakeFirst();
  if (op && op.state === 'Error' && operationNeedsApproval(op.type, op.criticality)) {
    throw new AppFailure('CONFLICT', `${op.identifier} is highly critical, so a restart of ${code} would change its secret without an approval. Request the change again (or reset it on the target): it will wait in Awaiting approval for an approver.`);
  }
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
