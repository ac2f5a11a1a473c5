import type { DeviceShell } from '../../../../shared/domain/device-shell';
import type { RenderedScript, TemplateStep } from '../../../../main/templates/template-ast';

type WithoutLine<T> = T extends unknown ? Omit<T, 'line'> : never;
export type UnnumberedStep = WithoutLine<TemplateStep>;

/**
 * A hand-written rendered script: steps in template order, numbered from line 1 (or `firstLine`),
 * as the template parser would number a template without comments or blank lines. `target` is
 * what reads the lines (posix, the parser's default, or network-cli).
 */
export function script(secrets: readonly string[], steps: readonly UnnumberedStep[], firstLine = 1, target: DeviceShell = 'posix'): RenderedScript {
  return { secrets, steps: steps.map((step, index) => ({ ...step, line: firstLine + index }) as TemplateStep), target };
}

/** A shell prompt at the end of the output: "$ ", "# " or "> " (bash, root, network gear). */
export const PROMPT = { kind: 'expect-regex', source: '[$#>] $', flags: '' } as const;
