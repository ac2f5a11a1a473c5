import { sql, type Kysely } from 'kysely';
import { executorForTemplate } from '../../shared/domain/executors';
import { AppFailure } from '../../shared/errors';
import { appendAudit } from '../audit/append-audit';
import type { AuditShell } from '../audit/audit-entry';
import type { TemplateInput, TemplateVariable, TemplateVersion, TemplateView } from '../../shared/domain/template';
import type { ArchiveFilter } from '../../shared/domain/archive';
import { matchesArchiveFilter } from '../lifecycle/archived';
import type { VaultDatabase } from '../vault/database/vault-schema';
import type { FieldCipher } from '../vault/field-cipher';
import { BUILTIN_TEMPLATES, readBuiltinTemplate } from './builtin/builtin-templates';
import { validateTemplateForSave } from './validate-template-for-save';

interface Deps {
  readonly db: Kysely<VaultDatabase>;
  readonly fields: FieldCipher;
}

/** Where a template version's secret variables are sealed (its AAD); also used by key rotation. */
export const secretsAt = (templateId: number, version: number) => ({ table: 'template_versions', column: 'secret_values', rowId: `${templateId}:${version}` });

/** Who saves, for the audit entry written in the save's own transaction. */
export interface TemplateAuthor {
  readonly username: string;
  readonly shell: AuditShell;
  /** Set by duplicateTemplate: the new template is audited as a copy of this one. */
  readonly duplicateOf?: { readonly id: number; readonly name: string };
}

/**
 * Saves a template: a new one at version 1, or a new version of an existing one (old versions are
 * kept; an operation records the version it ran). Errors in the body or metadata refuse the save
 * with every diagnostic, naming lines and columns. A built-in keeps its name (duplicate it to make
 * your own); a template credentials use keeps its operation type. A rename rewrites the name the
 * credentials' execution settings show, in the same transaction: they reference the template by id.
 */
export async function saveTemplate(deps: Deps, id: number | undefined, input: unknown, author: string | TemplateAuthor, builtin = false): Promise<TemplateView> {
  const validation = validateTemplateForSave(input);
  if (!validation.ok) {
    const first = validation.field_errors[0]?.message ?? validation.diagnostics.find((d) => d.severity === 'error');
    const where = typeof first === 'string' ? first : first ? `line ${first.line}, column ${first.column}: ${first.message}` : 'see the diagnostics';
    throw new AppFailure('VALIDATION', `The template was not saved: ${where}.`, { diagnostics: validation.diagnostics, fieldErrors: validation.field_errors });
  }
  const template = input as TemplateInput;
  const stamp = new Date().toISOString();
  const by: { username: string; shell?: AuditShell; duplicateOf?: TemplateAuthor['duplicateOf'] } = typeof author === 'string' ? { username: author } : author;
  const templateId = await deps.db.transaction().execute(async (trx) => {
    const clash = await trx.selectFrom('templates').select('id').where('name', '=', template.name).executeTakeFirst();
    if (clash && clash.id !== id) throw new AppFailure('CONFLICT', `Another template is already named "${template.name}". Choose another name.`);
    let targetId: number;
    let version: number;
    if (id === undefined) {
      const row = await trx
        .insertInto('templates')
        .values({ name: template.name, executor: template.executor, operation_type: template.operation_type, active: template.active ? 1 : 0, builtin: builtin ? 1 : 0, current_version: 1, created_at: stamp, updated_at: stamp })
        .returning('id')
        .executeTakeFirstOrThrow();
      targetId = row.id;
      version = 1;
    } else {
      const existing = await trx.selectFrom('templates').select(['current_version', 'name', 'builtin', 'operation_type', 'executor']).where('id', '=', id).executeTakeFirst();
      if (!existing) throw new AppFailure('NOT_FOUND', `No template has id ${id}.`);
      if (existing.executor !== template.executor) {
        const [was, now] = [executorForTemplate(existing.executor).name, executorForTemplate(template.executor).name];
        throw new AppFailure('CONFLICT', `"${existing.name}" is a template for the ${was} executor: a new version cannot make it a ${now} template. Save it under another name.`, { field: 'executor' });
      }
      const renamed = existing.name !== template.name;
      if (renamed && existing.builtin === 1) {
        throw new AppFailure('CONFLICT', `"${existing.name}" is a built-in template: it cannot be renamed. Duplicate it and rename the copy.`, { field: 'name' });
      }
      if (existing.operation_type !== template.operation_type) {
        const users = await credentialsUsing(trx, id);
        if (users.length > 0) {
          throw new AppFailure('CONFLICT', `"${existing.name}" is used by ${describeUsers(users)}: its operation type cannot change. Duplicate it and change the copy's type.`, { field: 'operation_type' });
        }
      }
      if (renamed) await renameInCredentials(trx, id, template.name);
      targetId = id;
      version = existing.current_version + 1;
      await trx
        .updateTable('templates')
        .set({ name: template.name, operation_type: template.operation_type, active: template.active ? 1 : 0, current_version: version, updated_at: stamp })
        .where('id', '=', id)
        .execute();
    }
    const secretValues = Object.fromEntries(template.variables.filter((v) => v.secret && v.value !== undefined).map((v) => [v.name, v.value]));
    await trx
      .insertInto('template_versions')
      .values({
        template_id: targetId,
        version,
        body: template.body,
        // Secret values are sealed apart; the declaration keeps only their names.
        variables: JSON.stringify(template.variables.map((v) => (v.secret ? { name: v.name, secret: true } : v))),
        secret_values: Object.keys(secretValues).length > 0 ? deps.fields.seal(JSON.stringify(secretValues), secretsAt(targetId, version)) : null,
        created_at: stamp,
        created_by: by.username,
      })
      .execute();
    if (by.shell !== undefined) {
      await appendAudit(trx, {
        actor: by.username,
        shell: by.shell,
        action: by.duplicateOf !== undefined ? 'template.duplicate' : id === undefined ? 'template.create' : 'template.update',
        objectType: 'template',
        objectId: String(targetId),
        details: { name: template.name, version, operation_type: template.operation_type, active: template.active, ...(by.duplicateOf !== undefined ? { from: by.duplicateOf.id, fromName: by.duplicateOf.name } : {}) },
      });
    }
    return targetId;
  });
  return getTemplate(deps.db, templateId);
}

/** Identifiers of the credentials whose execution settings use the template (change or reconciliation). */
async function credentialsUsing(db: Kysely<VaultDatabase>, templateId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('credentials')
    .select('identifier')
    .where((eb) => eb.or([eb('change_template_id', '=', templateId), eb('reconciliation_template_id', '=', templateId)]))
    .orderBy('identifier')
    .execute();
  return rows.map((r) => r.identifier);
}

function describeUsers(identifiers: readonly string[]): string {
  const shown = identifiers.slice(0, 3).join(', ');
  return identifiers.length > 3 ? `${identifiers.length} credentials (${shown}, ...)` : identifiers.length === 1 ? `credential ${shown}` : `credentials ${shown}`;
}

/**
 * Seed 004 sends and returns template names: after a rename the credentials show the new one.
 * The credential's version is not bumped: nothing about its secret changed, and a rotation in
 * flight promotes its candidate under a compare-and-swap on that version.
 */
async function renameInCredentials(db: Kysely<VaultDatabase>, templateId: number, name: string): Promise<void> {
  await db
    .updateTable('credentials')
    .set({ execution_settings: sql<string>`json_set(execution_settings, '$.change_template', ${name})` })
    .where('change_template_id', '=', templateId)
    .execute();
  await db
    .updateTable('credentials')
    .set({ execution_settings: sql<string>`json_set(execution_settings, '$.reconciliation_template', ${name})` })
    .where('reconciliation_template_id', '=', templateId)
    .execute();
}

/**
 * Copies a template's current version into a new, editable template (not built-in): how a built-in
 * is customised. Secret variable values are opened and sealed again for the copy's own row.
 */
export async function duplicateTemplate(deps: Deps, id: number, name: string | undefined, by: TemplateAuthor): Promise<TemplateView> {
  const source = await templateVersionForRun(deps, id);
  const taken = new Set((await deps.db.selectFrom('templates').select('name').execute()).map((r) => r.name.toLowerCase()));
  let copyName = name?.trim() || `${source.template.name} (copy)`;
  for (let n = 2; name === undefined && taken.has(copyName.toLowerCase()); n++) copyName = `${source.template.name} (copy ${n})`;
  const input: TemplateInput = { name: copyName, executor: source.template.executor, operation_type: source.template.operation_type, active: source.template.active, variables: source.variables, body: source.body };
  return saveTemplate(deps, undefined, input, { ...by, duplicateOf: { id, name: source.template.name } });
}

/** The one rule for templates that can never be deleted: the built-ins (duplicate one to customise it). */
export function templateUndeletableBecause(template: { readonly name: string; readonly builtin: number }): string | null {
  return template.builtin === 1 ? `"${template.name}" is a built-in template.` : null;
}

/** Deletes a template nobody uses. Built-ins are never deleted; one in use names its credentials. */
export async function deleteTemplate(db: Kysely<VaultDatabase>, id: number, by: TemplateAuthor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const template = await trx.selectFrom('templates').select(['name', 'builtin']).where('id', '=', id).executeTakeFirst();
    if (!template) throw new AppFailure('NOT_FOUND', `No template has id ${id}.`);
    const undeletable = templateUndeletableBecause(template);
    if (undeletable !== null) throw new AppFailure('CONFLICT', `${undeletable} It cannot be deleted: deactivate or archive it if nobody should use it.`, { pamdeskCode: 9018 });
    const users = await credentialsUsing(trx, id);
    if (users.length > 0) throw new AppFailure('CONFLICT', `"${template.name}" is used by ${describeUsers(users)}: choose another template in their execution settings first.`);
    await trx.deleteFrom('templates').where('id', '=', id).execute();
    await appendAudit(trx, { actor: by.username, shell: by.shell, action: 'template.delete', objectType: 'template', objectId: String(id), details: { name: template.name } });
  });
}

export async function listTemplates(db: Kysely<VaultDatabase>, archived?: ArchiveFilter): Promise<TemplateView[]> {
  const rows = await db.selectFrom('templates as t').select('t.id').where(matchesArchiveFilter('t.archived_at', archived)).orderBy('t.name').execute();
  return Promise.all(rows.map((row) => getTemplate(db, row.id)));
}

/** The template with its current version (secret variable values are not included). */
export async function getTemplate(db: Kysely<VaultDatabase>, ref: number | string): Promise<TemplateView> {
  let query = db.selectFrom('templates as t').innerJoin('template_versions as v', (join) => join.onRef('v.template_id', '=', 't.id').onRef('v.version', '=', 't.current_version')).selectAll('t').select(['v.body', 'v.variables']);
  query = typeof ref === 'number' ? query.where('t.id', '=', ref) : query.where('t.name', '=', ref);
  const row = await query.executeTakeFirst();
  if (!row) throw new AppFailure('NOT_FOUND', `No template is ${typeof ref === 'number' ? `id ${ref}` : `named "${ref}"`}.`);
  return {
    id: row.id,
    name: row.name,
    executor: row.executor,
    operation_type: row.operation_type,
    active: row.active === 1,
    builtin: row.builtin === 1,
    current_version: row.current_version,
    body: row.body,
    variables: JSON.parse(row.variables) as TemplateVariable[],
    created_at: row.created_at,
    updated_at: row.updated_at,
    archived_at: row.archived_at,
  };
}

export async function templateHistory(db: Kysely<VaultDatabase>, id: number): Promise<TemplateVersion[]> {
  const rows = await db.selectFrom('template_versions').select(['template_id', 'version', 'body', 'variables', 'created_at', 'created_by']).where('template_id', '=', id).orderBy('version', 'desc').execute();
  return rows.map((row) => ({ ...row, variables: JSON.parse(row.variables) as TemplateVariable[] }));
}

/** One exact version, with its secret variable values opened (for a run; never for the renderer). */
export async function templateVersionForRun(deps: Deps, id: number, version?: number): Promise<{ template: TemplateView; version: number; body: string; variables: TemplateVariable[] }> {
  const template = await getTemplate(deps.db, id);
  const wanted = version ?? template.current_version;
  const row = await deps.db.selectFrom('template_versions').selectAll().where('template_id', '=', id).where('version', '=', wanted).executeTakeFirst();
  if (!row) throw new AppFailure('NOT_FOUND', `Template ${template.name} has no version ${wanted}.`);
  const secrets = row.secret_values ? (JSON.parse(deps.fields.open(row.secret_values, secretsAt(id, wanted))) as Record<string, string>) : {};
  const variables = (JSON.parse(row.variables) as TemplateVariable[]).map((v) => (v.secret && secrets[v.name] !== undefined ? { ...v, value: secrets[v.name] } : v));
  return { template, version: wanted, body: row.body, variables };
}

/** Adds the built-in templates that a vault does not have yet (by name); never overwrites an edit. */
export async function ensureBuiltinTemplates(deps: Deps): Promise<number> {
  let added = 0;
  for (const builtin of BUILTIN_TEMPLATES) {
    const exists = await deps.db.selectFrom('templates').select('id').where('name', '=', builtin.name).executeTakeFirst();
    if (exists) continue;
    await saveTemplate(deps, undefined, { name: builtin.name, executor: builtin.executor ?? 'ssh', operation_type: builtin.operationType, active: true, variables: [], body: readBuiltinTemplate(builtin) }, 'system', true);
    added++;
  }
  return added;
}
