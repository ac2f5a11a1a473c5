import type { DeviceShell } from '../../shared/domain/device-shell';
import type { TemplateVariable } from '../../shared/domain/template';
import { lintTemplate } from '../templates/lint-template';
import { renderTemplate } from '../templates/render-template';
import type { RenderedScript } from '../templates/template-ast';
import type { CompiledTemplate, ExecutorRunOptions } from './device-executor';
import { describeStep } from './ssh/describe-step';
import { scriptBudgetMs } from './ssh/script-budget';
import type { SshAuth, SshRunResult, SshTarget } from './ssh/ssh-types';

/** How a terminal executor (SSH, Telnet) runs a rendered script. */
export type RunTerminal = (target: SshTarget, auth: SshAuth, script: RenderedScript, options: ExecutorRunOptions) => Promise<SshRunResult>;

/**
 * The expect language of main/templates (Segura's SSH/Telnet syntax: exec, expect, `|sh`...), for
 * every executor that drives an interactive terminal: parsed and linted for the device's shell,
 * bounded by its reads and sleeps, rendered with its quoting, run by `runTerminal`.
 */
export function compileTerminalTemplate(source: string, variables: readonly TemplateVariable[], shell: DeviceShell | undefined, runTerminal: RunTerminal): CompiledTemplate {
  const lint = lintTemplate(source, variables, shell);
  return {
    diagnostics: lint.diagnostics,
    budgetMs: (base) => scriptBudgetMs(lint.steps, base),
    render(values, deviceShell) {
      const script = renderTemplate(lint.steps, values, deviceShell);
      return {
        secrets: script.secrets,
        lines: script.steps.map((step) => describeStep(step, undefined, (text) => text)),
        run: (target, auth, options) => runTerminal(target, auth, script, options),
      };
    },
  };
}
