import type { TemplateDiagnostic } from '../../shared/domain/template-diagnostic';
import type { TemplateTarget, TemplateVariable } from '../../shared/domain/template';
import type { TemplateStep } from './template-ast';
import { byPosition } from './diagnostic';
import { lintTags } from './lint-tags';
import { parseTemplate } from './parse-template';

export interface LintResult {
  /** Only meaningful when there is no error diagnostic. */
  readonly steps: readonly TemplateStep[];
  readonly target: TemplateTarget;
  /** Sorted by line then column. */
  readonly diagnostics: readonly TemplateDiagnostic[];
}

/** Parses the body and checks its tags against the built-in catalogue and the declared variables. */
export function lintTemplate(source: string, variables: readonly TemplateVariable[] = []): LintResult {
  const parsed = parseTemplate(source);
  const diagnostics = [...parsed.diagnostics, ...lintTags(parsed.parsed, parsed.target, variables)].sort(byPosition);
  return { steps: parsed.steps, target: parsed.target, diagnostics };
}
