import { sql, type Kysely } from 'kysely';
import type { ArchivableKind, DependencySummary, DependentRef, OpenOperationRef } from '../../shared/domain/archive';
import { OPEN_STATES } from '../../shared/domain/operation-rules';
import { templateUndeletableBecause } from '../templates/template-service';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { lifecycleFailure } from './lifecycle-failure';

interface Subject {
  readonly name: string;
  readonly archived: boolean;
  readonly undeletableBecause: string | null;
}

async function subjectOf(db: Kysely<VaultDatabase>, kind: ArchivableKind, id: number): Promise<Subject | undefined> {
  switch (kind) {
    case 'credential': {
      const row = await db.selectFrom('credentials').select(['identifier', 'archived_at']).where('id', '=', id).executeTakeFirst();
      return row && { name: row.identifier, archived: row.archived_at !== null, undeletableBecause: null };
    }
    case 'device': {
      const row = await db.selectFrom('devices').select(['hostname', 'ip', 'archived_at']).where('id', '=', id).executeTakeFirst();
      return row && { name: `${row.hostname} (${row.ip})`, archived: row.archived_at !== null, undeletableBecause: null };
    }
    case 'template': {
      const row = await db.selectFrom('templates').select(['name', 'builtin', 'archived_at']).where('id', '=', id).executeTakeFirst();
      return row && { name: row.name, archived: row.archived_at !== null, undeletableBecause: templateUndeletableBecause(row) };
    }
    case 'policy': {
      const row = await db.selectFrom('password_policies').select(['name', 'archived_at']).where('id', '=', id).executeTakeFirst();
      return row && { name: row.name, archived: row.archived_at !== null, undeletableBecause: null };
    }
  }
}

/** The credentials that would be left without this record: on it, using it, or its children and users. */
async function dependentCredentials(db: Kysely<VaultDatabase>, kind: ArchivableKind, id: number, name: string): Promise<DependentRef[]> {
  let query = db.selectFrom('credentials as c').select(['c.id', 'c.identifier', 'c.archived_at']);
  switch (kind) {
    case 'credential':
      // Children of a parent, and credentials that connect or reconcile with this one (named by identifier).
      query = query.where((eb) =>
        eb.or([
          eb('c.parent_credential_id', '=', id),
          eb(sql`json_extract(c.execution_settings, '$.authentication_credential')`, '=', name),
          eb(sql`json_extract(c.execution_settings, '$.reconciliation_credential')`, '=', name),
        ]),
      ).where('c.id', '!=', id);
      break;
    case 'device':
      query = query.where('c.device_id', '=', id);
      break;
    case 'template':
      query = query.where((eb) => eb.or([eb('c.change_template_id', '=', id), eb('c.reconciliation_template_id', '=', id)]));
      break;
    case 'policy':
      query = query.where('c.policy_id', '=', id);
      break;
  }
  const rows = await query.orderBy('c.identifier').execute();
  return rows.map((r) => ({ id: r.id, name: r.identifier, archived: r.archived_at !== null }));
}

async function openOperations(db: Kysely<VaultDatabase>, kind: ArchivableKind, id: number): Promise<OpenOperationRef[]> {
  let query = db
    .selectFrom('operations as o')
    .innerJoin('credentials as c', 'c.id', 'o.credential_id')
    .select(['o.code', 'o.state', 'c.identifier'])
    .where('o.state', 'in', OPEN_STATES);
  query = kind === 'credential' ? query.where('o.credential_id', '=', id) : kind === 'device' ? query.where('o.device_id', '=', id) : kind === 'template' ? query.where('o.template_id', '=', id) : query.where('c.policy_id', '=', id);
  const rows = await query.orderBy('o.id').execute();
  return rows.map((r) => ({ code: r.code, state: r.state, credential: r.identifier }));
}

/** What depends on one record (for the delete confirmation and every refusal); 9012 when absent. */
export async function dependentsOf(db: Kysely<VaultDatabase>, kind: ArchivableKind, id: number): Promise<DependencySummary> {
  const subject = await subjectOf(db, kind, id);
  if (subject === undefined) throw lifecycleFailure(9012, `No ${kind} has id ${id}.`);
  return {
    kind,
    id,
    name: subject.name,
    archived: subject.archived,
    credentials: await dependentCredentials(db, kind, id, subject.name),
    openOperations: await openOperations(db, kind, id),
    undeletableBecause: subject.undeletableBecause,
  };
}

/** "credentials a, b and 3 more": how a refusal names what is in the way. */
export function describeDependents(refs: readonly { readonly name: string }[]): string {
  const shown = refs.slice(0, 3).map((r) => r.name).join(', ');
  return refs.length > 3 ? `${shown} and ${refs.length - 3} more` : shown;
}

/** "operation OP-000001 (Scheduled)": how a refusal names the open operations in its way. */
export function describeOpenOperations(operations: readonly { readonly code: string; readonly state: string }[]): string {
  return `operation ${describeDependents(operations.map((o) => ({ name: `${o.code} (${o.state})` })))}`;
}

/** "credential a", "credentials a, b", "5 credentials (a, b, c, ...)": how a refusal names the credentials in its way. */
export function describeCredentials(refs: readonly { readonly name: string }[]): string {
  if (refs.length === 1) return `credential ${refs[0]?.name ?? ''}`;
  const shown = refs.slice(0, 3).map((r) => r.name).join(', ');
  return refs.length > 3 ? `${refs.length} credentials (${shown}, ...)` : `credentials ${shown}`;
}
