import { assertNever } from '../../shared/assert-never';
import { hasErrors, type TemplateDiagnostic } from '../../shared/domain/template-diagnostic';
import type { RenderedStep } from './template-ast';
import { diagnostic } from './diagnostic';
import { lintTemplate } from './lint-template';
import { maskTranscript } from './mask-transcript';
import type { RenderContext } from './render-context';
import { TemplateRenderError, renderTemplate } from './render-template';
import { buildTagValues } from './tag-values';

export type DryRunResult =
  | { readonly ok: true; readonly lines: readonly string[]; readonly diagnostics: readonly TemplateDiagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly TemplateDiagnostic[] };

/**
 * What a run would send and wait for, one line per step ("exec passwd 'alice'", "expect
 * *password:*"), with every secret masked: for the UI's dry run. Nothing is connected to. The
 * context's `variables` are the template's declared variables with their values.
 */
export function dryRun(source: string, context: RenderContext, nowMs: number = Date.now()): DryRunResult {
  const lint = lintTemplate(source, context.variables ?? []);
  if (hasErrors(lint.diagnostics)) return { ok: false, diagnostics: lint.diagnostics };
  try {
    const script = renderTemplate(lint.steps, buildTagValues(context, nowMs), lint.target);
    return { ok: true, lines: script.steps.map((step) => maskTranscript(describeStep(step), script.secrets)), diagnostics: lint.diagnostics };
  } catch (error) {
    if (!(error instanceof TemplateRenderError)) throw error;
    return { ok: false, diagnostics: [...lint.diagnostics, diagnostic('error', error.code, { line: error.line, column: 1 }, error.message)] };
  }
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
