import type { TemplateExecutor } from '../../shared/domain/template';
import { hasErrors, type TemplateDiagnostic } from '../../shared/domain/template-diagnostic';
import { deviceExecutorFor } from '../executors/registry';
import { diagnostic } from './diagnostic';
import type { RenderContext } from './render-context';
import { TemplateRenderError } from './render-template';
import { buildTagValues, type TagValue, type TagValues } from './tag-values';

export type DryRunResult =
  | { readonly ok: true; readonly lines: readonly string[]; readonly diagnostics: readonly TemplateDiagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly TemplateDiagnostic[] };

/**
 * What a run would send and wait for, one line per step ("exec passwd 'alice'", "expect
 * *password:*"), in the executor's own language: for the UI's dry run. Nothing is connected to.
 * Every secret tag renders as a placeholder («NEW_PASSWORD», «CURRENT_PASSWORD», «API_TOKEN»),
 * never its value: a masked real value would let whoever writes the template test guesses against
 * it (a literal that came back masked is the password), unaudited. The context's `variables` are
 * the template's declared variables with their values.
 */
export function dryRun(source: string, context: RenderContext, executor: TemplateExecutor = 'ssh', nowMs: number = Date.now()): DryRunResult {
  const compiled = deviceExecutorFor(executor).compile(source, context.variables ?? []);
  if (hasErrors(compiled.diagnostics)) return { ok: false, diagnostics: compiled.diagnostics };
  try {
    const program = compiled.render(withSecretPlaceholders(buildTagValues(context, nowMs)), 'posix');
    return { ok: true, lines: program.lines, diagnostics: compiled.diagnostics };
  } catch (error) {
    if (!(error instanceof TemplateRenderError)) throw error;
    return { ok: false, diagnostics: [...compiled.diagnostics, diagnostic('error', error.code, { line: error.line, column: 1 }, error.message)] };
  }
}

/** The placeholder a dry run shows for a secret tag. */
export function secretPlaceholder(tag: string): string {
  return `«${tag}»`;
}

/**
 * Every secret tag that has a value gets its placeholder instead; one without a value stays
 * missing, so the dry run still reports a template that could not run. Placeholders are not
 * secret, so nothing needs masking afterwards.
 */
function withSecretPlaceholders(values: TagValues): TagValues {
  const shown = new Map<string, TagValue>();
  for (const [tag, value] of values) {
    shown.set(tag, value.secret && value.available ? { available: true, value: secretPlaceholder(tag), secret: false } : value);
  }
  return shown;
}
