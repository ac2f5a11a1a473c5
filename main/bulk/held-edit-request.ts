import type { Kysely } from 'kysely';
import type { BulkEditChanges } from '../../shared/domain/bulk';
import { AppFailure } from '../../shared/errors';
import type { Session } from '../ipc/session';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { createBulkRequest, type BulkRequestOptions } from './bulk-request';

/**
 * Files what an upsert held back for a highly critical credential (issue 11) as a one-credential
 * bulk Edit request, inside the caller's transaction: the same request, review, From/To, four-eyes
 * decision and all-or-nothing application as any bulk edit, so there is one approval system.
 */
export async function fileHeldEdit(trx: Kysely<VaultDatabase>, credentialId: number, held: BulkEditChanges, requester: Pick<Session, 'userId' | 'username'>, options: BulkRequestOptions): Promise<{ readonly id: number; readonly code: string }> {
  const credential = await trx.selectFrom('credentials').select(['identifier', 'status']).where('id', '=', credentialId).executeTakeFirstOrThrow();
  if (credential.status !== 'active') {
    // Bulk edits take active credentials only; say so in the editor's words, not the wizard's.
    throw new AppFailure('CONFLICT', `${credential.identifier} is highly critical and inactive: a change of its criticality, parent or execution settings needs an approver, and only an active credential can be sent for approval. Enable it first, then save again.`);
  }
  return createBulkRequest(trx, { action: 'edit', credentialIds: [credentialId], changes: held }, requester, options);
}
