import type { RenderedStep } from '../../templates/template-ast';
import { describeStep, type MaskText } from './describe-step';
import { literalPattern, templateRegExp, wildcardPattern } from './step-patterns';
import type { SshFailure } from './ssh-types';

/**
 * Compiles every matching step's pattern, and rejects what cannot run, before connecting: a broken
 * template must fail without touching the device.
 */
export function compileStepPatterns(steps: readonly RenderedStep[], mask?: MaskText): { ok: true; patterns: (RegExp | undefined)[] } | { ok: false; failure: SshFailure } {
  const patterns: (RegExp | undefined)[] = [];
  for (const step of steps) {
    const invalid = (message: string): { ok: false; failure: SshFailure } => ({ ok: false, failure: { kind: 'invalid-step', line: step.line, step: step.kind, message } });
    switch (step.kind) {
      case 'read':
        patterns.push(literalPattern(step.text));
        break;
      case 'expect':
      case 'no-expect':
        patterns.push(wildcardPattern(step.pattern));
        break;
      case 'expect-regex':
        try {
          patterns.push(templateRegExp(step.source, step.flags));
        } catch (error) {
          // V8's message repeats the pattern (which may hold a tag's value): keep only its reason.
          const reason = (error as Error).message.split(': ').at(-1) ?? 'invalid syntax';
          return invalid(`${describeStep(step, mask)} is not a valid regular expression (${reason}). Fix the template.`);
        }
        break;
      case 'set-ssh-version':
        if (step.version !== 2) return invalid(`set-ssh-version ${step.version}: only SSH protocol version 2 is supported (version 1 is broken and disabled everywhere). Remove the line or set 2.`);
        patterns.push(undefined);
        break;
      default:
        patterns.push(undefined);
    }
  }
  return { ok: true, patterns };
}
