import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/append-audit';
import type { VaultDatabase } from '../vault/database/vault-schema';

export interface ExpiredRequest {
  readonly id: number;
  readonly code: string;
}

/**
 * Undecided requests past their expiry become Expired (reference 4.1: "Awaiting approval" operations
 * expire when the approval period passes). Run periodically by the core and before any listing or
 * decision, so nobody sees, or approves, a request that is no longer open.
 */
export async function expireStaleBulkRequests(db: Kysely<VaultDatabase>, now: Date): Promise<readonly ExpiredRequest[]> {
  const stamp = now.toISOString();
  const stale = await db.selectFrom('bulk_requests').select(['id', 'code', 'expires_at']).where('state', '=', 'Pending approval').where('expires_at', '<=', stamp).execute();
  if (stale.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    const expired: ExpiredRequest[] = [];
    for (const request of stale) {
      const result = await trx
        .updateTable('bulk_requests')
        .set({ state: 'Expired', decided_at: stamp, message: `No decision before ${request.expires_at}: the request expired. Request it again if it is still needed.` })
        .where('id', '=', request.id)
        .where('state', '=', 'Pending approval')
        .executeTakeFirst();
      // Another process may have decided or expired it between the look and the write.
      if (Number(result.numUpdatedRows) === 0) continue;
      await closeTasks(trx, request.id, 'Not applied: the request expired without a decision.');
      await appendAudit(trx, { actor: 'system', shell: 'system', action: 'bulk.expire', objectType: 'bulk_request', objectId: request.code, details: { expiresAt: request.expires_at } });
      expired.push({ id: request.id, code: request.code });
    }
    return expired;
  });
}

/** A request that ended without applying anything: its tasks are skipped, saying why. */
export async function closeTasks(trx: Kysely<VaultDatabase>, requestId: number, message: string): Promise<void> {
  await trx.updateTable('bulk_tasks').set({ status: 'skipped', message }).where('request_id', '=', requestId).where('status', '=', 'pending').execute();
}
