import { hasErrors } from '../../shared/domain/template-diagnostic';
import { TEMPLATE_EXECUTORS, templateInputSchema, templateVariableSchema, type TemplateExecutor, type TemplateValidation, type TemplateVariable } from '../../shared/domain/template';
import { deviceExecutorFor } from '../executors/registry';

/**
 * What the template service calls before saving a new version: the metadata against the shared
 * schema, and the body through its executor's compiler (SSH when the executor is not valid). Errors (in either) block the save; warnings are
 * returned for display and do not.
 */
export function validateTemplateForSave(input: unknown): TemplateValidation {
  const parsed = templateInputSchema.safeParse(input);
  const fieldErrors = parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path.map(pathPart), message: issue.message }));
  const body = parsed.success ? parsed.data.body : bodyOf(input);
  const variables = parsed.success ? parsed.data.variables : variablesOf(input);
  const executor = parsed.success ? parsed.data.executor : executorOf(input);
  const diagnostics = body === null ? [] : [...deviceExecutorFor(executor).compile(body, variables).diagnostics];
  return { ok: fieldErrors.length === 0 && !hasErrors(diagnostics), diagnostics, field_errors: fieldErrors };
}

function pathPart(part: PropertyKey): string | number {
  return typeof part === 'number' ? part : String(part);
}

// When the metadata is invalid the body is still linted (if it is text), so the editor shows
// everything at once; variables that do not parse are left out, which can only add unknown-tag errors.
function bodyOf(input: unknown): string | null {
  return typeof input === 'object' && input !== null && 'body' in input && typeof input.body === 'string' ? input.body : null;
}

function executorOf(input: unknown): TemplateExecutor {
  const named = typeof input === 'object' && input !== null && 'executor' in input ? input.executor : undefined;
  return TEMPLATE_EXECUTORS.find((e) => e === named) ?? 'ssh';
}

function variablesOf(input: unknown): readonly TemplateVariable[] {
  if (typeof input !== 'object' || input === null || !('variables' in input) || !Array.isArray(input.variables)) return [];
  return input.variables.flatMap((v: unknown) => {
    const one = templateVariableSchema.safeParse(v);
    return one.success ? [one.data] : [];
  });
}
