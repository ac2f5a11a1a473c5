import type { TemplateDiagnostic } from '../../shared/domain/template-diagnostic';
import type { DeviceShell } from '../../shared/domain/device-shell';
import type { TemplateVariable } from '../../shared/domain/template';
import type { TemplateStep } from './template-ast';
import { byPosition } from './diagnostic';
import { lintTags } from './lint-tags';
import { parseTemplate } from './parse-template';

export interface LintResult {
  /** Only meaningful when there is no error diagnostic. */
  readonly steps: readonly TemplateStep[];
  /** Sorted by line then column. */
  readonly diagnostics: readonly TemplateDiagnostic[];
}

/**
 * Parses the body and checks its tags against the built-in catalogue and the declared variables.
 * `shell` is the device's (see lintTags): given at run time, absent when no device is known.
 */
export function lintTemplate(source: string, variables: readonly TemplateVariable[] = [], shell?: DeviceShell): LintResult {
  const parsed = parseTemplate(source);
  const diagnostics = [...parsed.diagnostics, ...lintTags(parsed.parsed, shell, variables)].sort(byPosition);
  return { steps: parsed.steps, diagnostics };
}
