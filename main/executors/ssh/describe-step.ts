import { assertNever } from '../../../shared/assert-never';
import type { RenderedStep } from '../../templates/template-ast';

/** A step as a template would spell it, for transcripts and failure messages (mask before showing). */
export function describeStep(step: RenderedStep): string {
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
      return `${step.kind} ${JSON.stringify(step.text)}`;
    case 'expect':
    case 'no-expect':
      return `${step.kind} ${JSON.stringify(step.pattern)}`;
    case 'expect-regex':
      return `expect-regex ${JSON.stringify(`/${step.source}/${step.flags}`)}`;
    case 'end':
      return 'end';
    default:
      return assertNever(step, 'template step');
  }
}
