import type { Kysely } from 'kysely';
import { validateCredentialUpsertRequest } from '../../shared/domain/credential-upsert-request';
import { AppFailure } from '../../shared/errors';
import { appendAudit } from '../audit/append-audit';
import type { AuditShell } from '../audit/audit-entry';
import { lifecycleFailure } from '../lifecycle/lifecycle-failure';
import type { VaultDatabase } from '../vault/database/vault-schema';
import type { CredentialServiceDeps } from './credential-service-deps';
import { asCredentialsDb } from './credentials-db';
import { upsertCredential, type UpsertCredentialResult } from './upsert-credential';

/** Carries a refused upsert out of the transaction so that whatever it wrote is rolled back. */
class RefusedInside extends Error {
  constructor(readonly result: Extract<UpsertCredentialResult, { ok: false }>) {
    super('refused');
  }
}

/**
 * The editor's New credential: create only, never update. Seed 004's create-or-update rule stays
 * as it is for the API body and `credential upsert`; here an identifier that exists (9010), or a
 * username of the same kind already on that device (9011), is refused naming the existing
 * credential, whose id travels in details.existing so the page can offer to open it. Otherwise the
 * body goes through the upsert's own rules and codes, and the creation is audited in the same
 * transaction.
 */
export async function createCredential(deps: Omit<CredentialServiceDeps, 'db'> & { readonly db: Kysely<VaultDatabase> }, body: unknown, by: { readonly username: string; readonly shell: AuditShell }): Promise<Extract<UpsertCredentialResult, { ok: true }> | Extract<UpsertCredentialResult, { ok: false }>> {
  const validation = validateCredentialUpsertRequest(body);
  // A malformed body answers with the upsert's own code and text.
  if (!validation.ok) return upsertCredential({ ...deps, db: asCredentialsDb<VaultDatabase>(deps.db) }, body);
  const request = validation.request;
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const identifier = request.identifier ?? undefined;
      if (identifier !== undefined) {
        const same = await trx.selectFrom('credentials').select(['id', 'identifier', 'archived_at']).where('identifier', '=', identifier).executeTakeFirst();
        if (same) throw lifecycleFailure(9010, `Credential ${same.identifier} (id ${same.id}${same.archived_at === null ? '' : ', archived'}) already has this identifier; nothing was saved.`, { existing: { id: same.id, identifier: same.identifier, archived: same.archived_at !== null } });
      }
      const account = await trx
        .selectFrom('credentials as c')
        .innerJoin('devices as d', 'd.id', 'c.device_id')
        .select(['c.id', 'c.identifier', 'c.archived_at'])
        .where('d.hostname', '=', request.hostname)
        .where('d.ip', '=', request.ip)
        .where('c.username', '=', request.username)
        .where('c.kind', '=', request.kind ?? 'password')
        .executeTakeFirst();
      if (account) {
        throw lifecycleFailure(9011, `Credential ${account.identifier} (id ${account.id}${account.archived_at === null ? '' : ', archived'}) already has username "${request.username}" on ${request.hostname} (${request.ip}); nothing was saved.`, { existing: { id: account.id, identifier: account.identifier, archived: account.archived_at !== null } });
      }
      const result = await upsertCredential({ ...deps, db: asCredentialsDb<VaultDatabase>(trx) }, body);
      if (!result.ok) throw new RefusedInside(result);
      if (result.action !== 'created') throw new AppFailure('INTERNAL', 'A create-only save reached an existing credential; nothing was saved.');
      await appendAudit(trx, {
        actor: by.username,
        shell: by.shell,
        action: 'credential.create',
        objectType: 'credential',
        objectId: String(result.credentialId),
        details: { before: null, after: result.after, changedSecrets: [...result.changedSecrets] } as never,
      });
      return result;
    });
  } catch (error) {
    if (error instanceof RefusedInside) return error.result;
    throw error;
  }
}
