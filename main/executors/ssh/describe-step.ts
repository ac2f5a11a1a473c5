import { assertNever } from '../../../shared/assert-never';
import type { RenderedStep } from '../../templates/template-ast';

/** Hides the run's secrets in a piece of step text; identity when there are none to hide. */
export type MaskText = (text: string) => string;

/**
 * A step as a template would spell it, for transcripts and failure messages. `mask` is applied to
 * the raw text before it is quoted: JSON quoting escapes quotes, backslashes and control characters,
 * so a secret holding one of them would no longer match the mask once quoted. `quote` is JSON's
 * for transcripts (a control character stays visible); the dry run shows text as it is.
 */
export function describeStep(step: RenderedStep, mask: MaskText = (text) => text, quote: (text: string) => string = (text) => JSON.stringify(text)): string {
  switch (step.kind) {
    case 'set-read-timeout':
    case 'set-connect-timeout':
    case 'sleep':
      return `${step.kind} ${step.seconds}`;
    case 'set-new-line-mode':
      return `set-new-line-mode ${step.mode}`;
    case 'set-ssh-version':
      return `set-ssh-version ${step.version}`;
    case 'exec':
    case 'write':
    case 'read':
      return `${step.kind} ${quote(mask(step.text))}`;
    case 'expect':
    case 'no-expect':
      return `${step.kind} ${quote(mask(step.pattern))}`;
    case 'expect-regex':
      return `expect-regex ${quote(mask(`/${step.source}/${step.flags}`))}`;
    case 'end':
      return 'end';
    default:
      return assertNever(step, 'template step');
  }
}
