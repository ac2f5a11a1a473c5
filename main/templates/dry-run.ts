import { assertNever } from '../../shared/assert-never';
import { hasErrors, type TemplateDiagnostic } from '../../shared/domain/template-diagnostic';
import type { RenderedStep } from './template-ast';
import { diagnostic } from './diagnostic';
import { lintTemplate } from './lint-template';
import type { RenderContext } from './render-context';
import { TemplateRenderError, renderTemplate } from './render-template';
import { buildTagValues, type TagValue, type TagValues } from './tag-values';

export type DryRunResult =
  | { readonly ok: true; readonly lines: readonly string[]; readonly diagnostics: readonly TemplateDiagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly TemplateDiagnostic[] };

/**
 * What a run would send and wait for, one line per step ("exec passwd 'alice'", "expect
 * *password:*"): for the UI's dry run. Nothing is connected to. Every secret tag renders as a
 * placeholder («NEW_PASSWORD», «CURRENT_PASSWORD», «API_TOKEN»), never its value: a masked real
 * value would let whoever writes the template test guesses against it (a literal that came back
 * masked is the password), unaudited. The context's `variables` are the template's declared
 * variables with their values.
 */
export function dryRun(source: string, context: RenderContext, nowMs: number = Date.now()): DryRunResult {
  const lint = lintTemplate(source, context.variables ?? []);
  if (hasErrors(lint.diagnostics)) return { ok: false, diagnostics: lint.diagnostics };
  try {
    const script = renderTemplate(lint.steps, withSecretPlaceholders(buildTagValues(context, nowMs)));
    return { ok: true, lines: script.steps.map(describeStep), diagnostics: lint.diagnostics };
  } catch (error) {
    if (!(error instanceof TemplateRenderError)) throw error;
    return { ok: false, diagnostics: [...lint.diagnostics, diagnostic('error', error.code, { line: error.line, column: 1 }, error.message)] };
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

export function describeStep(step: RenderedStep): string {
  switch (step.kind) {
    case 'set-read-timeout':
    case 'set-connect-timeout':
    case 'sleep':
      return `${step.kind} ${step.seconds}`;
    case 'set-new-line-mode':
      return `${step.kind} ${step.mode}`;
    case 'set-ssh-version':
      return `${step.kind} ${step.version}`;
    case 'exec':
    case 'write':
    case 'read':
      return `${step.kind} ${step.text}`;
    case 'expect':
    case 'no-expect':
      return `${step.kind} ${step.pattern}`;
    case 'expect-regex':
      return `${step.kind} /${step.source}/${step.flags}`;
    case 'end':
      return 'end';
    default:
      return assertNever(step, 'template step');
  }
}
