import type { Kysely } from 'kysely';
import { archiveBlockers, type ArchivableKind, type DependencySummary } from '../../shared/domain/archive';
import { appendAudit } from '../audit/append-audit';
import type { AuditShell } from '../audit/audit-entry';
import { trimHistoriesToPolicies } from '../credentials/secret-history';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { lifecycleFailure } from './lifecycle-failure';
import { dependentsOf, describeCredentials, describeOpenOperations } from './object-dependents';

export interface LifecycleActor {
  readonly username: string;
  readonly shell: AuditShell;
  readonly now: Date;
}

export const TABLE_OF = {
  credential: 'credentials',
  device: 'devices',
  template: 'templates',
  policy: 'password_policies',
} as const satisfies Record<ArchivableKind, keyof VaultDatabase>;

/**
 * Archives a record: hidden from lists, pickers, counts and triggers, kept with its history and
 * audit. Refused (9015) while an operation is open on it, and (9017) while live credentials depend
 * on it (archive or move them first), so nothing live is left pointing at something hidden.
 * The change and its audit entry commit together.
 */
export async function archiveObject(db: Kysely<VaultDatabase>, kind: ArchivableKind, id: number, by: LifecycleActor): Promise<DependencySummary> {
  return db.transaction().execute(async (trx) => {
    const summary = await dependentsOf(trx, kind, id);
    if (summary.archived) throw lifecycleFailure(9019, `The ${kind} ${summary.name} is already archived.`);
    if (summary.openOperations.length > 0) {
      throw lifecycleFailure(9015, `The ${kind} ${summary.name} cannot be archived: ${describeOpenOperations(summary.openOperations)} is open.`, { dependents: summary });
    }
    const live = archiveBlockers(summary);
    if (live.length > 0) {
      throw lifecycleFailure(9017, `The ${kind} ${summary.name} cannot be archived: live ${describeCredentials(live)} ${live.length === 1 ? 'depends' : 'depend'} on it.`, { dependents: summary });
    }
    await trx.updateTable(TABLE_OF[kind]).set({ archived_at: by.now.toISOString(), archived_by: by.username }).where('id', '=', id).execute();
    await appendAudit(trx, { actor: by.username, shell: by.shell, action: `${kind}.archive`, objectType: kind, objectId: String(id), details: { name: summary.name, ...(await historyTrimmedBy(trx, kind)) } }, { now: () => by.now });
    return { ...summary, archived: true };
  });
}

/** Restores an archived record to the lists, as it was (its history was never touched). */
export async function restoreObject(db: Kysely<VaultDatabase>, kind: ArchivableKind, id: number, by: LifecycleActor): Promise<DependencySummary> {
  return db.transaction().execute(async (trx) => {
    const summary = await dependentsOf(trx, kind, id);
    if (!summary.archived) throw lifecycleFailure(9019, `The ${kind} ${summary.name} is not archived.`);
    if (kind === 'credential') await refuseOnArchivedDevice(trx, id, summary.name);
    await trx.updateTable(TABLE_OF[kind]).set({ archived_at: null, archived_by: null }).where('id', '=', id).execute();
    await appendAudit(trx, { actor: by.username, shell: by.shell, action: `${kind}.restore`, objectType: kind, objectId: String(id), details: { name: summary.name, ...(await historyTrimmedBy(trx, kind)) } }, { now: () => by.now });
    return { ...summary, archived: false };
  });
}

/** A policy leaving or coming back changes which policy governs credentials, so how much history they keep. */
async function historyTrimmedBy(trx: Kysely<VaultDatabase>, kind: ArchivableKind): Promise<{ historyTrimmed?: number }> {
  return kind === 'policy' ? { historyTrimmed: await trimHistoriesToPolicies(trx) } : {};
}

/** A live credential on a hidden device would be unreachable in the device pickers: restore the device first. */
async function refuseOnArchivedDevice(db: Kysely<VaultDatabase>, credentialId: number, identifier: string): Promise<void> {
  const device = await db
    .selectFrom('credentials as c')
    .innerJoin('devices as d', 'd.id', 'c.device_id')
    .select(['d.hostname', 'd.ip', 'd.archived_at'])
    .where('c.id', '=', credentialId)
    .executeTakeFirstOrThrow();
  if (device.archived_at !== null) throw lifecycleFailure(9016, `Credential ${identifier} is on the archived device ${device.hostname} (${device.ip}): restore the device first.`);
}
