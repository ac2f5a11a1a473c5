import type { Kysely } from 'kysely';
import type { CredentialApiErrorCode } from '../../shared/domain/api-error-codes';
import type { CredentialKind } from '../../shared/domain/credential-kind';
import { connectsAsItself, type ExecutionSettings, type JitSettings } from '../../shared/domain/credential-settings';
import { executorForTemplate, findExecutor, templateTypeFor, unregisteredPluginMessage, templateTypeLabel, type TemplateRole } from '../../shared/domain/executors';
import { checkPluginRequirements } from '../../shared/domain/plugin-requirements';
import type { TemplateExecutor, TemplateOperationType } from '../../shared/domain/template';
import { blankToNull, findReferencedCredential, type CredentialReference, type ReferencedCredential } from './credential-reference';
import type { CredentialsTables } from './credential-tables';

/** A refused execution setting: the seed-004 style code, the field, and what is wrong with it. */
export interface ExecutionRefusal {
  readonly code: CredentialApiErrorCode;
  readonly field: string;
  readonly detail: string;
}

interface TemplateRow {
  readonly id: number;
  readonly name: string;
  readonly executor: TemplateExecutor;
  readonly operation_type: TemplateOperationType;
  readonly active: number;
}

/**
 * Looks up what execution settings name (templates, credentials, parents) with caches, so a bulk
 * edit over thousands of credentials asks the database once per distinct name. Lives for one
 * request, inside its transaction.
 */
export class ExecutionReferenceResolver {
  private readonly templates = new Map<string, Promise<TemplateRow | undefined>>();
  private readonly credentials = new Map<string, Promise<ReferencedCredential | undefined>>();
  private readonly parents = new Map<number, Promise<number | null>>();

  constructor(private readonly db: Kysely<CredentialsTables>) {}

  template(name: string): Promise<TemplateRow | undefined> {
    const key = name.trim().toLowerCase();
    let found = this.templates.get(key);
    if (found === undefined) {
      // Template names are unique without regard to case (COLLATE NOCASE), as this lookup is.
      found = this.db.selectFrom('templates').select(['id', 'name', 'executor', 'operation_type', 'active']).where('name', '=', name.trim()).executeTakeFirst();
      this.templates.set(key, found);
    }
    return found;
  }

  credential(reference: CredentialReference, ownDevice: { readonly hostname: string; readonly ip: string }): Promise<ReferencedCredential | undefined> {
    const key = JSON.stringify([reference.name, blankToNull(reference.hostname) ?? ownDevice.hostname, blankToNull(reference.ip) ?? ownDevice.ip]);
    let found = this.credentials.get(key);
    if (found === undefined) {
      found = findReferencedCredential(this.db, reference, ownDevice);
      this.credentials.set(key, found);
    }
    return found;
  }

  /** Whether making `parentId` the parent of `credentialId` closes a loop: the child is already up the parent's chain. */
  async closesCycle(credentialId: number | undefined, parentId: number): Promise<boolean> {
    if (credentialId === undefined) return false;
    const seen = new Set<number>();
    for (let current: number | null = parentId; current !== null && !seen.has(current); current = await this.parentOf(current)) {
      if (current === credentialId) return true;
      seen.add(current);
    }
    return false;
  }

  async exists(id: number): Promise<boolean> {
    const row = await this.db.selectFrom('credentials').select('id').where('id', '=', id).executeTakeFirst();
    return row !== undefined;
  }

  private parentOf(id: number): Promise<number | null> {
    let found = this.parents.get(id);
    if (found === undefined) {
      found = this.db
        .selectFrom('credentials')
        .select('parent_credential_id')
        .where('id', '=', id)
        .executeTakeFirst()
        .then((row) => row?.parent_credential_id ?? null);
      this.parents.set(id, found);
    }
    return found;
  }
}

export interface ExecutionCheckInput {
  /** undefined on create. */
  readonly credentialId: number | undefined;
  readonly identifier: string;
  readonly kind: CredentialKind;
  /** The credential's own device: credential references default to it. */
  readonly device: { readonly hostname: string; readonly ip: string };
  /** The settings as they will be stored (sent values merged over stored ones). */
  readonly execution: ExecutionSettings | null;
  readonly jit: JitSettings | null;
}

export type ExecutionCheck =
  | { readonly ok: true; readonly changeTemplateId: number | null; readonly reconciliationTemplateId: number | null }
  | { readonly ok: false; readonly refusal: ExecutionRefusal };

class Refused extends Error {
  constructor(readonly refusal: ExecutionRefusal) {
    super(refusal.detail);
  }
}

const refuse = (code: CredentialApiErrorCode, field: string, detail: string): never => {
  throw new Refused({ code, field, detail });
};

/**
 * Seed 004's execution settings, checked at save by every entry (editor, API body, CLI, import,
 * bulk edit): 1046/1047 for an enabled action without plugin or template; then everything named must
 * resolve: a registered plugin (9101), an existing template (9102), active when its action is on
 * (9103), of the plugin's executor and the action's operation type (9104); the authentication
 * credential when the credential does not connect as itself (9105/9106); the reconciliation
 * credential when reconciliation is on, and whenever named (9107/9108). Returns the template ids to
 * store beside the names.
 */
export async function checkExecutionSettings(resolver: ExecutionReferenceResolver, input: ExecutionCheckInput): Promise<ExecutionCheck> {
  const missing = checkPluginRequirements(input.execution, input.jit);
  if (missing !== null) return { ok: false, refusal: { code: missing.code, field: missing.field, detail: `${missing.field} is required when that action is enabled.` } };
  const settings = input.execution ?? {};
  try {
    const changeTemplateId = await checkAction(resolver, input, 'change', settings.change_plugin, settings.change_template, settings.automatic_change === true);
    await checkCredential(resolver, input, {
      field: 'execution_settings.authentication_credential',
      role: 'authentication',
      required: !connectsAsItself(settings.use_own_credential_to_connect),
      reference: { name: settings.authentication_credential ?? '', hostname: settings.authentication_hostname, ip: settings.authentication_ip },
      codes: [9105, 9106],
      whyRequired: 'use_own_credential_to_connect is false',
    });
    const reconciliationTemplateId = await checkAction(resolver, input, 'reconciliation', settings.reconciliation_plugin, settings.reconciliation_template, settings.status === true);
    await checkCredential(resolver, input, {
      field: 'execution_settings.reconciliation_credential',
      role: 'reconciliation',
      required: settings.status === true,
      reference: { name: settings.reconciliation_credential ?? '', hostname: settings.reconciliation_hostname, ip: settings.reconciliation_ip },
      codes: [9107, 9108],
      whyRequired: 'reconciliation (status) is on',
    });
    return { ok: true, changeTemplateId, reconciliationTemplateId };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, refusal: error.refusal };
    throw error;
  }
}

async function checkAction(
  resolver: ExecutionReferenceResolver,
  input: ExecutionCheckInput,
  role: TemplateRole,
  pluginName: string | null | undefined,
  templateName: string | null | undefined,
  enabled: boolean,
): Promise<number | null> {
  const prefix = role === 'change' ? 'execution_settings.change' : 'execution_settings.reconciliation';
  const plugin = blankToNull(pluginName);
  const executor = plugin === null ? undefined : findExecutor(plugin);
  if (plugin !== null && executor === undefined) refuse(9101, `${prefix}_plugin`, `${prefix}_plugin: ${unregisteredPluginMessage(plugin)}`);
  const name = blankToNull(templateName);
  if (name === null) return null;
  const template = await resolver.template(name);
  if (template === undefined) return refuse(9102, `${prefix}_template`, `${prefix}_template "${name}" does not exist.`);
  if (enabled && template.active !== 1) refuse(9103, `${prefix}_template`, `${prefix}_template "${template.name}" is inactive.`);
  const wanted = templateTypeFor(role, input.kind);
  if (template.operation_type !== wanted) {
    refuse(9104, `${prefix}_template`, `${prefix}_template "${template.name}" is a ${templateTypeLabel(template.operation_type)} template; the ${role} of this credential needs a ${templateTypeLabel(wanted)} template.`);
  }
  if (executor !== undefined && template.executor !== executor.templateExecutor) {
    refuse(9104, `${prefix}_template`, `${prefix}_template "${template.name}" is a template for the ${executorForTemplate(template.executor).name} executor, not for the ${executor.name} plugin: choose a ${executor.name} template.`);
  }
  return template.id;
}

interface CredentialCheck {
  readonly field: string;
  readonly role: string;
  readonly required: boolean;
  readonly reference: CredentialReference;
  readonly codes: readonly [CredentialApiErrorCode, CredentialApiErrorCode];
  readonly whyRequired: string;
}

async function checkCredential(resolver: ExecutionReferenceResolver, input: ExecutionCheckInput, check: CredentialCheck): Promise<void> {
  const name = blankToNull(check.reference.name);
  if (name === null) {
    if (check.required) refuse(check.codes[0], check.field, `${check.field} is required when ${check.whyRequired}.`);
    return;
  }
  const found = await resolver.credential({ ...check.reference, name }, input.device);
  if (found === undefined) {
    const where = `${blankToNull(check.reference.hostname) ?? input.device.hostname}, ${blankToNull(check.reference.ip) ?? input.device.ip}`;
    refuse(check.codes[1], check.field, `The ${check.role} credential "${name}" (${where}) is not in the vault.`);
  }
}

/**
 * The parent a request asks for: seed 004's numeric parent_password, or execution_settings'
 * parent_credential / parent_hostname / parent_ip (sent in this request). undefined: keep the
 * stored parent; null: no parent. Refuses a parent that does not exist (9002), the credential
 * itself, or one that would close a cycle of any length (9109).
 */
export async function resolveParent(
  resolver: ExecutionReferenceResolver,
  input: { readonly credentialId: number | undefined; readonly identifier: string; readonly device: { readonly hostname: string; readonly ip: string } },
  sent: { readonly parentPassword: number | null | undefined; readonly execution: ExecutionSettings | null | undefined },
): Promise<{ readonly ok: true; readonly parentId: number | null | undefined } | { readonly ok: false; readonly refusal: ExecutionRefusal }> {
  let parentId: number | null | undefined;
  let field = 'parent_password';
  if (sent.parentPassword !== undefined) {
    parentId = sent.parentPassword;
    if (parentId !== null && !(await resolver.exists(parentId))) {
      return { ok: false, refusal: { code: 9002, field, detail: `parent_password ${parentId} is not an existing credential.` } };
    }
  } else if (sent.execution !== undefined && sent.execution !== null && sent.execution.parent_credential !== undefined) {
    field = 'execution_settings.parent_credential';
    const name = blankToNull(sent.execution.parent_credential);
    if (name === null) parentId = null;
    else {
      const found = await resolver.credential({ name, hostname: sent.execution.parent_hostname, ip: sent.execution.parent_ip }, input.device);
      if (found === undefined) {
        const where = `${blankToNull(sent.execution.parent_hostname) ?? input.device.hostname}, ${blankToNull(sent.execution.parent_ip) ?? input.device.ip}`;
        return { ok: false, refusal: { code: 9002, field, detail: `The parent credential "${name}" (${where}) is not in the vault.` } };
      }
      parentId = found.id;
    }
  }
  if (parentId === undefined || parentId === null) return { ok: true, parentId };
  if (parentId === input.credentialId) return { ok: false, refusal: { code: 9109, field, detail: `${input.identifier} cannot be its own parent.` } };
  if (await resolver.closesCycle(input.credentialId, parentId)) {
    return { ok: false, refusal: { code: 9109, field, detail: `Credential ${parentId} is already below ${input.identifier} in the parent chain: making it the parent would close a cycle.` } };
  }
  return { ok: true, parentId };
}

/** seed 004's parent_* name the parent once; the parent itself is stored as parent_credential_id. */
export function withoutParentNames(execution: ExecutionSettings | null): ExecutionSettings | null {
  if (execution === null) return null;
  const { parent_credential: _credential, parent_hostname: _hostname, parent_ip: _ip, ...rest } = execution;
  return Object.keys(rest).length === 0 ? null : rest;
}
