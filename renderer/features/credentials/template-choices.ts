import type { CredentialKind } from '../../../shared/domain/credential-kind';
import { findExecutor, templateTypeFor, type TemplateRole } from '../../../shared/domain/executors';
import type { TemplateView } from '../../../shared/domain/template';

export interface TemplateChoice {
  readonly value: string;
  readonly label: string;
}

/**
 * The templates a drop-down offers for a role: of the chosen plugin's executor and of the type the
 * role needs for this kind of credential (the save-time rule, shared/domain/executors.ts), active
 * ones only, plus the current choice even when it no longer fits so the operator sees what to fix.
 */
export function templateChoices(templates: readonly TemplateView[], role: TemplateRole, kind: CredentialKind, plugin: string, current: string): TemplateChoice[] {
  const executor = findExecutor(plugin);
  const type = templateTypeFor(role, kind);
  const fits = templates.filter((t) => t.active && t.operation_type === type && (executor === undefined || t.executor === executor.templateExecutor));
  const choices: TemplateChoice[] = [{ value: '', label: '(none)' }, ...fits.map((t) => ({ value: t.name, label: t.builtin ? `${t.name} (built-in)` : t.name }))];
  if (current !== '' && !fits.some((t) => t.name.toLowerCase() === current.toLowerCase())) {
    choices.splice(1, 0, { value: current, label: `${current} (does not fit: choose another)` });
  }
  return choices;
}
