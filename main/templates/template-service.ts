import type { Kysely } from 'kysely';
import { AppFailure } from '../../shared/errors';
import type { TemplateInput, TemplateVariable, TemplateVersion, TemplateView } from '../../shared/domain/template';
import type { VaultDatabase } from '../vault/database/vault-schema';
import type { FieldCipher } from '../vault/field-cipher';
import { BUILTIN_TEMPLATES, readBuiltinTemplate } from './builtin/builtin-templates';
import { validateTemplateForSave } from './validate-template-for-save';

interface Deps {
  readonly db: Kysely<VaultDatabase>;
  readonly fields: FieldCipher;
}

const secretsAt = (templateId: number, version: number) => ({ table: 'template_versions', column: 'secret_values', rowId: `${templateId}:${version}` });

/**
 * Saves a template: a new one at version 1, or a new version of an existing one (old versions are
 * kept; an operation records the version it ran). Errors in the body or metadata refuse the save
 * with every diagnostic, naming lines and columns.
 */
export async function saveTemplate(deps: Deps, id: number | undefined, input: unknown, author: string, builtin = false): Promise<TemplateView> {
  const validation = validateTemplateForSave(input);
  if (!validation.ok) {
    const first = validation.field_errors[0]?.message ?? validation.diagnostics.find((d) => d.severity === 'error');
    const where = typeof first === 'string' ? first : first ? `line ${first.line}, column ${first.column}: ${first.message}` : 'see the diagnostics';
    throw new AppFailure('VALIDATION', `The template was not saved: ${where}.`, { diagnostics: validation.diagnostics, fieldErrors: validation.field_errors });
  }
  const template = input as TemplateInput;
  const stamp = new Date().toISOString();
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
      const existing = await trx.selectFrom('templates').select(['current_version']).where('id', '=', id).executeTakeFirst();
      if (!existing) throw new AppFailure('NOT_FOUND', `No template has id ${id}.`);
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
        created_by: author,
      })
      .execute();
    return targetId;
  });
  return getTemplate(deps.db, templateId);
}

export async function listTemplates(db: Kysely<VaultDatabase>): Promise<TemplateView[]> {
  const rows = await db.selectFrom('templates').select('id').orderBy('name').execute();
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
    await saveTemplate(deps, undefined, { name: builtin.name, executor: 'ssh', operation_type: builtin.operationType, active: true, variables: [], body: readBuiltinTemplate(builtin) }, 'system', true);
    added++;
  }
  return added;
}
