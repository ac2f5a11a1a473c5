import type { TemplateDiagnostic } from '../../shared/domain/template-diagnostic';
import { TEMPLATE_TARGETS, type TemplateTarget } from '../../shared/domain/template';
import { diagnostic } from './diagnostic';

/**
 * pamdesk directives live in comments, so Segura (and any other reader) ignores them:
 *   # pamdesk: target network-cli       the lines go to a network CLI (IOS…), not a POSIX shell
 *   # pamdesk: target posix             the default
 *   # pamdesk: allow secret-on-command-line        for the next command line only
 *   # pamdesk: allow unquoted-tag-on-command-line  for the next command line only
 * Being in the body, they are versioned and reviewed with the text they change.
 */
export const ALLOWABLE_CODES = ['secret-on-command-line', 'unquoted-tag-on-command-line'] as const;
export type AllowableCode = (typeof ALLOWABLE_CODES)[number];

export type Directive =
  | { readonly kind: 'target'; readonly target: TemplateTarget }
  | { readonly kind: 'allow'; readonly code: AllowableCode }
  | { readonly kind: 'none' };

const DIRECTIVE = /^#\s*pamdesk\s*:\s*(.*)$/;

/** `comment` starts at its `#`; `column` is that `#`'s 1-based column. */
export function parseDirective(comment: string, line: number, column: number): { readonly directive: Directive; readonly diagnostics: readonly TemplateDiagnostic[] } {
  const match = comment.match(DIRECTIVE);
  if (match === null) return { directive: { kind: 'none' }, diagnostics: [] };
  const words = (match[1] ?? '').trim().split(/\s+/);
  const [verb, value, ...extra] = words;
  if (extra.length === 0 && verb === 'target' && isTarget(value)) return { directive: { kind: 'target', target: value }, diagnostics: [] };
  if (extra.length === 0 && verb === 'allow' && isAllowable(value)) return { directive: { kind: 'allow', code: value }, diagnostics: [] };
  return {
    directive: { kind: 'none' },
    diagnostics: [
      diagnostic(
        'warning',
        'unknown-directive',
        { line, column, length: comment.trimEnd().length },
        `This pamdesk directive is not understood and is ignored. Write "# pamdesk: target ${TEMPLATE_TARGETS.join('|')}" or "# pamdesk: allow ${ALLOWABLE_CODES.join('|')}"`,
      ),
    ],
  };
}

function isTarget(value: string | undefined): value is TemplateTarget {
  return (TEMPLATE_TARGETS as readonly (string | undefined)[]).includes(value);
}

function isAllowable(value: string | undefined): value is AllowableCode {
  return (ALLOWABLE_CODES as readonly (string | undefined)[]).includes(value);
}
