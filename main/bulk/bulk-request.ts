import type { Kysely } from 'kysely';
import { bulkCode, EXPIRES_AT_REQUEST, type BulkRequestParsed, type BulkValue } from '../../shared/domain/bulk';
import { AppFailure } from '../../shared/errors';
import { appendAudit } from '../audit/append-audit';
import type { AuditShell } from '../audit/audit-entry';
import { asCredentialsDb } from '../credentials/credentials-db';
import type { Session } from '../ipc/session';
import { insertMany } from '../vault/database/insert-many';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { reviewBulk } from './bulk-review';

export interface BulkRequestOptions {
  readonly now: Date;
  readonly expiryHours: number;
  readonly shell: AuditShell;
}

const LISTED = 10;

/**
 * Stores a bulk request in Pending approval with one task per credential, its From/To computed
 * now: what the approver sees is what approval writes. A request naming any credential that cannot
 * take part is refused whole, listing them, rather than quietly shrunk: the requester chose the
 * set, and four eyes should approve that set or a new one the requester chose again.
 */
export async function createBulkRequest(db: Kysely<VaultDatabase>, input: BulkRequestParsed, requester: Pick<Session, 'userId' | 'username'>, options: BulkRequestOptions): Promise<{ readonly id: number; readonly code: string }> {
  const reviewed = await reviewBulk(asCredentialsDb(db), input.action, input.credentialIds, input.changes);
  const ineligible = reviewed.filter((r) => r.reason !== undefined);
  if (ineligible.length > 0) {
    const listed = ineligible.slice(0, LISTED).map((r) => r.reason).join(' ');
    const more = ineligible.length > LISTED ? ` ...and ${ineligible.length - LISTED} more.` : '';
    throw new AppFailure('VALIDATION', `${ineligible.length} of the ${reviewed.length} selected credentials cannot be part of this ${input.action}: ${listed}${more} Remove them from the selection and request again.`, {
      ineligible: ineligible.map((r) => ({ id: r.id, identifier: r.identifier, reason: r.reason ?? '' })),
    });
  }
  if (reviewed.every((r) => Object.keys(r.to).length === 0)) {
    throw new AppFailure('VALIDATION', `Nothing would change: every selected credential already has these values. Choose other values or other credentials.`);
  }
  const requestedAt = options.now.toISOString();
  const expiresAt = new Date(options.now.getTime() + options.expiryHours * 3_600_000).toISOString();
  // Inside a caller's transaction (an upsert holding back a highly critical credential's edit) it
  // writes there, so the request commits or rolls back with what the caller wrote.
  const store = async (trx: Kysely<VaultDatabase>) => {
    const inserted = await trx
      .insertInto('bulk_requests')
      .values({
        code: `pending-${requestedAt}-${Math.random()}`,
        action: input.action,
        requested_by: requester.username,
        requested_by_user_id: requester.userId,
        requested_at: requestedAt,
        expires_at: expiresAt,
        state: 'Pending approval',
        changes: input.changes === undefined ? null : JSON.stringify(input.changes),
        credential_count: reviewed.length,
        decided_at: null,
        applied_at: null,
        message: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Derived from the id like operation codes: unique and ordered without a second sequence.
    const code = bulkCode(inserted.id);
    await trx.updateTable('bulk_requests').set({ code }).where('id', '=', inserted.id).execute();
    const tasks = reviewed.map((r) => ({
      request_id: inserted.id,
      credential_id: r.id,
      identifier: r.identifier,
      from_values: JSON.stringify(r.from),
      // Expire's placeholder becomes the request's own time: approval, whenever it comes, writes that.
      to_values: JSON.stringify(r.to, (_key, value: BulkValue) => (value === EXPIRES_AT_REQUEST ? requestedAt : value)),
      status: 'pending' as const,
      message: null,
    }));
    // Multi-row inserts built directly: the query builder's node per value costs seconds at 100,000 tasks.
    await insertMany(trx, 'bulk_tasks', tasks);
    await appendAudit(trx, {
      actor: requester.username,
      shell: options.shell,
      action: 'bulk.request',
      objectType: 'bulk_request',
      objectId: code,
      details: { action: input.action, credentials: reviewed.map((r) => r.id), changes: input.changes === undefined ? null : JSON.parse(JSON.stringify(input.changes)), expiresAt },
    });
    return { id: inserted.id, code };
  };
  return db.isTransaction ? store(db) : db.transaction().execute(store);
}
