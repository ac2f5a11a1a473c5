import { lifecycleFailure } from '../lifecycle/lifecycle-failure';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import { AppFailure } from '../../shared/errors';
import { ownTransaction } from '../vault/database/own-transaction';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { operationNeedsApproval } from '../../shared/domain/approval-rules';
import { refuseHumanOnlyChange } from './change-guard';
import type { OperationTrigger, OperationType } from './operation-model';

export interface NewOperation {
  readonly type: OperationType;
  readonly credentialId: number;
  readonly requester: string;
  readonly trigger: OperationTrigger;
  readonly maxAttempts: number;
  readonly scheduledAt?: Date;
  readonly priority?: number;
  readonly parentOperationId?: number;
  readonly templateId?: number;
}

/** Where a new operation starts: decided here by the approval rule, never by the caller. */
export type InitialState = 'Scheduled' | 'AwaitingApproval';

export interface CreatedOperation {
  readonly id: number;
  readonly code: string;
  readonly state: InitialState;
}

/** "Request immediate execution" puts an operation above everything scheduled normally. */
export const IMMEDIATE_PRIORITY = 1_000_000;

/**
 * Creates an operation for a credential (its device comes from the credential). Every path that
 * schedules work comes through here (requests, reset on target, policy triggers, parent chain,
 * bulk Expire, reconciles, settling by reconcile), so the two gates live here and no caller can
 * step around them: a secret change of a credential needing a human step is refused, and one of a
 * highly critical credential starts in Awaiting approval instead of Scheduled (issue 11). The
 * caller learns which from the returned state.
 */
export async function createOperation(db: Kysely<VaultDatabase>, input: NewOperation, now: Date): Promise<CreatedOperation> {
  const credential = await db.selectFrom('credentials').select(['device_id', 'identifier', 'needs_human_interaction', 'criticality', 'archived_at']).where('id', '=', input.credentialId).executeTakeFirst();
  if (!credential) throw new AppFailure('NOT_FOUND', `No credential has id ${input.credentialId}.`);
  // Archived means out of service: nothing is changed, verified or reconciled for it until it is restored.
  if (credential.archived_at !== null) throw lifecycleFailure(9016, `Credential ${credential.identifier} is archived: no operation runs for it.`);
  refuseHumanOnlyChange(input.type, credential);
  const state: InitialState = operationNeedsApproval(input.type, credential.criticality) ? 'AwaitingApproval' : 'Scheduled';
  const at = (input.scheduledAt ?? now).toISOString();
  const stamp = now.toISOString();
  const inserted = await db
    .insertInto('operations')
    .values({
      code: `pending-${stamp}-${Math.random()}`,
      type: input.type,
      credential_id: input.credentialId,
      device_id: credential.device_id,
      template_id: input.templateId ?? null,
      template_version: null,
      requester: input.requester,
      trigger: input.trigger,
      parent_operation_id: input.parentOperationId ?? null,
      scheduled_at: at,
      priority: input.priority ?? 0,
      state,
      max_attempts: input.maxAttempts,
      next_attempt_at: at,
      lease_owner: null,
      lease_expires_at: null,
      candidate_secret: null,
      candidate_public_key: null,
      base_version: null,
      message: null,
      created_at: stamp,
      updated_at: stamp,
      started_at: null,
      finished_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The code is what people read and type ("OP-000042"): derived from the id, so it is unique and
  // ordered without a second sequence.
  const code = operationCode(inserted.id);
  await db.updateTable('operations').set({ code }).where('id', '=', inserted.id).execute();
  return { id: inserted.id, code, state };
}

export function operationCode(id: number): string {
  return `OP-${String(id).padStart(6, '0')}`;
}

export interface ClaimOptions {
  readonly owner: string;
  readonly now: Date;
  readonly leaseMs: number;
  readonly globalLimit: number;
  readonly perDeviceLimit: number;
}

export interface ClaimedOperation {
  readonly id: number;
  readonly attemptNumber: number;
  readonly attemptId: number;
}

/** The claim's statements, prepared once per vault connection: a claim runs for every attempt. */
function claimStatements(driver: Database.Database) {
  let prepared = CLAIM_STATEMENTS.get(driver);
  if (!prepared) {
    prepared = {
      running: driver.prepare("SELECT count(*) AS n FROM operations WHERE state = 'Running'"),
      next: driver.prepare(
        `SELECT o.id FROM operations o
         WHERE o.state = 'Scheduled' AND o.next_attempt_at <= ?
           AND (SELECT count(*) FROM operations r WHERE r.device_id = o.device_id AND r.state = 'Running') < ?
         ORDER BY o.priority DESC, o.next_attempt_at ASC, o.id ASC
         LIMIT 1`,
      ),
      take: driver.prepare(
        `UPDATE operations SET state = 'Running', lease_owner = ?, lease_expires_at = ?, attempts_made = attempts_made + 1,
           started_at = coalesce(started_at, ?), updated_at = ? WHERE id = ? AND state = 'Scheduled'`,
      ),
      // Attempt numbers keep counting across a restart (which resets attempts_made, the retry budget).
      nextNumber: driver.prepare('SELECT coalesce(max(number), 0) + 1 AS n FROM attempts WHERE operation_id = ?'),
      open: driver.prepare('INSERT INTO attempts (operation_id, number, started_at, runner) VALUES (?, ?, ?, ?)'),
    };
    CLAIM_STATEMENTS.set(driver, prepared);
  }
  return prepared;
}
const CLAIM_STATEMENTS = new WeakMap<Database.Database, Record<'running' | 'next' | 'take' | 'nextNumber' | 'open', Database.Statement>>();

/**
 * Takes up to `max` due operations for this runner, in claim order, in one IMMEDIATE transaction of
 * its own: SQLite's write lock makes the check-and-take atomic across every process on the vault, so
 * two runners can never take the same operation, and the concurrency limits hold vault-wide. One
 * transaction for the whole wave, and its commit is not fsynced on its own: a claim touches nothing
 * outside the vault, and each attempt's write-ahead (synchronous = FULL, so the WAL up to it, claim
 * included, is on disk) comes before its target is touched. A claim lost to a power cut before
 * that leaves the operation Scheduled, as if never taken, and nothing was sent.
 */
export function claimDueOperations(db: Kysely<VaultDatabase>, driver: Database.Database, options: ClaimOptions, max: number): Promise<ClaimedOperation[]> {
  if (max <= 0) return Promise.resolve([]);
  const now = options.now.toISOString();
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs).toISOString();
  return ownTransaction(db, driver, () => {
    const statements = claimStatements(driver);
    const claimed: ClaimedOperation[] = [];
    let running = (statements.running.get() as { n: number }).n;
    while (claimed.length < max && running < options.globalLimit) {
      const next = statements.next.get(now, options.perDeviceLimit) as { id: number } | undefined;
      if (!next) break;
      statements.take.run(options.owner, leaseUntil, now, now, next.id);
      running++;
      const attemptNumber = (statements.nextNumber.get(next.id) as { n: number }).n;
      const attempt = statements.open.run(next.id, attemptNumber, now, options.owner);
      claimed.push({ id: next.id, attemptNumber, attemptId: Number(attempt.lastInsertRowid) });
    }
    return claimed;
  }, { durability: 'deferred' });
}

/**
 * Keeps one operation's lease alive while its attempt is really working (the job runner stops
 * calling this past the attempt's bound). Only this owner's lease, only while the operation is
 * Running or being settled: a lease taken over by recovery is never extended by the old holder.
 */
export function renewLease(driver: Database.Database, operationId: number, owner: string, until: Date, now: Date): boolean {
  const result = driver
    .prepare("UPDATE operations SET lease_expires_at = ?, updated_at = ? WHERE id = ? AND lease_owner = ? AND state IN ('Running', 'Unverified')")
    .run(until.toISOString(), now.toISOString(), operationId, owner);
  return result.changes === 1;
}

/** Operations left Running by a runner that is gone (lease expired, or its process is dead). */
export function orphanedOperations(driver: Database.Database, now: Date, isOwnerGone: (owner: string) => boolean): number[] {
  const rows = driver.prepare("SELECT id, lease_owner, lease_expires_at FROM operations WHERE state = 'Running'").all() as {
    id: number;
    lease_owner: string | null;
    lease_expires_at: string | null;
  }[];
  return rows
    .filter((row) => row.lease_owner === null || row.lease_expires_at === null || row.lease_expires_at < now.toISOString() || isOwnerGone(row.lease_owner))
    .map((row) => row.id);
}

/**
 * Takes over an orphaned operation for recovery, atomically, so that two recovering processes do
 * not both recover it. Returns false when another process got there first.
 */
export function adoptOrphan(driver: Database.Database, id: number, expectedOwner: string | null, owner: string, leaseUntil: Date): boolean {
  const result = driver
    .prepare("UPDATE operations SET lease_owner = ?, lease_expires_at = ? WHERE id = ? AND state = 'Running' AND lease_owner IS ?")
    .run(owner, leaseUntil.toISOString(), id, expectedOwner);
  return result.changes === 1;
}

/**
 * Whether any operation is running anywhere, due now, or an Unverified one is due to be settled
 * (or being settled): the queue is not idle.
 */
export function queueBusy(driver: Database.Database, now: Date): boolean {
  const stamp = now.toISOString();
  const row = driver
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM operations WHERE state = 'Running' OR (state = 'Scheduled' AND next_attempt_at <= ?)
         OR (state = 'Unverified' AND ((settle_at IS NOT NULL AND settle_at <= ?) OR (lease_owner IS NOT NULL AND lease_expires_at >= ?)))) AS busy`,
    )
    .get(stamp, stamp, stamp) as { busy: number };
  return row.busy === 1;
}
