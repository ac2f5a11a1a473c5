import type { Kysely } from 'kysely';
import type { ArchivableKind, DependencySummary } from '../../shared/domain/archive';
import { appendAudit } from '../audit/append-audit';
import { deleteTemplate } from '../templates/template-service';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { TABLE_OF, type LifecycleActor } from './archive-object';
import { lifecycleFailure } from './lifecycle-failure';
import { dependentsOf, describeCredentials, describeOpenOperations } from './object-dependents';

/**
 * Deletes a record for good (the channel is administrators' only). Refused while anything depends
 * on it, archived or not (9017), while an operation is open (9015), and for built-in templates
 * (9018). The audit trail is append-only, so every entry about the record stays; the delete is
 * audited in the same transaction with what it removed.
 *
 * A deleted credential takes its operations and attempts with it (the schema cascades them): they
 * hold its transcripts and would point at nothing, while the audit trail already has every
 * operation's requests and outcomes. The delete entry records how many went. Bulk tasks keep their
 * From/To report (they have no foreign key on purpose). Archive instead to keep the history.
 */
export async function deleteObject(db: Kysely<VaultDatabase>, kind: ArchivableKind, id: number, by: LifecycleActor): Promise<DependencySummary> {
  const refuse = (summary: DependencySummary) => {
    if (summary.undeletableBecause !== null) throw lifecycleFailure(9018, `${summary.undeletableBecause} It cannot be deleted.`, { dependents: summary });
    if (summary.openOperations.length > 0) {
      throw lifecycleFailure(9015, `The ${kind} ${summary.name} cannot be deleted: ${describeOpenOperations(summary.openOperations)} is open.`, { dependents: summary });
    }
    if (summary.credentials.length > 0) {
      throw lifecycleFailure(9017, `The ${kind} ${summary.name} cannot be deleted: ${describeCredentials(summary.credentials)} ${summary.credentials.length === 1 ? 'depends' : 'depend'} on it.`, { dependents: summary });
    }
  };
  if (kind === 'template') {
    // Templates keep their own delete (its built-in and in-use rules); checked here first for the open operations.
    const summary = await dependentsOf(db, kind, id);
    refuse(summary);
    await deleteTemplate(db, id, { username: by.username, shell: by.shell });
    return summary;
  }
  return db.transaction().execute(async (trx) => {
    const summary = await dependentsOf(trx, kind, id);
    refuse(summary);
    const details: Record<string, string | number> = { name: summary.name };
    if (kind === 'credential') {
      const row = await trx.selectFrom('operations').select((eb) => eb.fn.countAll<number>().as('n')).where('credential_id', '=', id).executeTakeFirstOrThrow();
      details['operationsDeleted'] = Number(row.n);
    }
    await trx.deleteFrom(TABLE_OF[kind]).where('id', '=', id).execute();
    await appendAudit(trx, { actor: by.username, shell: by.shell, action: `${kind}.delete`, objectType: kind, objectId: String(id), details }, { now: () => by.now });
    return summary;
  });
}
