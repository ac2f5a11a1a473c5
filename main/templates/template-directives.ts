import type { TemplateDiagnostic } from '../../shared/domain/template-diagnostic';
import { diagnostic } from './diagnostic';

/**
 * pamdesk directives live in comments, so Segura (and any other reader) ignores them:
 *   # pamdesk: allow secret-on-command-line        for the next command line only
 *   # pamdesk: allow unquoted-tag-on-command-line  for the next command line only
 * Being in the body, they are versioned and reviewed with the text they change.
 * `# pamdesk: target posix|network-cli` was the template's say on what reads its lines; that is now
 * the device's shell (shared/domain/device-shell.ts), so the line is ignored with a warning.
 */
export const ALLOWABLE_CODES = ['secret-on-command-line', 'unquoted-tag-on-command-line'] as const;
export type AllowableCode = (typeof ALLOWABLE_CODES)[number];

export type Directive =
  | { readonly kind: 'allow'; readonly code: AllowableCode }
  | { readonly kind: 'none' };

const DIRECTIVE = /^#\s*pamdesk\s*:\s*(.*)$/;

/** `comment` starts at its `#`; `column` is that `#`'s 1-based column. */
export function parseDirective(comment: string, line: number, column: number): { readonly directive: Directive; readonly diagnostics: readonly TemplateDiagnostic[] } {
  const match = comment.match(DIRECTIVE);
  if (match === null) return { directive: { kind: 'none' }, diagnostics: [] };
  const words = (match[1] ?? '').trim().split(/\s+/);
  const [verb, value, ...extra] = words;
  if (verb === 'target') {
    return {
      directive: { kind: 'none' },
      diagnostics: [
        diagnostic(
          'warning',
          'target-directive-ignored',
          { line, column, length: comment.trimEnd().length },
          'Whether the lines go to a POSIX shell or a network CLI is set on the device (its shell), not in the template, so this line is ignored. Remove it and set the shell on the devices this template runs on',
        ),
      ],
    };
  }
  if (extra.length === 0 && verb === 'allow' && isAllowable(value)) return { directive: { kind: 'allow', code: value }, diagnostics: [] };
  return {
    directive: { kind: 'none' },
    diagnostics: [
      diagnostic(
        'warning',
        'unknown-directive',
        { line, column, length: comment.trimEnd().length },
        `This pamdesk directive is not understood and is ignored. Write "# pamdesk: allow ${ALLOWABLE_CODES.join('|')}"`,
      ),
    ],
  };
}

function isAllowable(value: string | undefined): value is AllowableCode {
  return (ALLOWABLE_CODES as readonly (string | undefined)[]).includes(value);
}
