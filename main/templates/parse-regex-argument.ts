import type { TemplateDiagnostic } from '../../shared/domain/template-diagnostic';
import { diagnostic } from './diagnostic';
import type { ParsedArgument } from './parse-argument';
import { replaceTags } from './scan-tags';

export interface RegexArgument {
  readonly source: string;
  readonly flags: string;
}

// g and y make RegExp.test() remember lastIndex between calls: a second expect would start
// matching in the middle of the buffer. They are dropped rather than refused (harmless to drop).
const STATEFUL_FLAGS = new Set(['g', 'y']);
const KEPT_FLAGS = new Set(['d', 'i', 'm', 's', 'u', 'v']);

/** Reads "/source/flags" (Segura's form) and checks that JavaScript compiles it. */
export function parseRegexArgument(argument: ParsedArgument, line: number): { readonly regex: RegexArgument | null; readonly diagnostics: readonly TemplateDiagnostic[] } {
  const diagnostics: TemplateDiagnostic[] = [];
  const text = argument.text;
  const at = { line, column: argument.column, length: Math.max(1, text.length) };
  const closing = text.lastIndexOf('/');
  let source: string;
  let flags = '';
  if (text.startsWith('/') && closing > 0) {
    source = text.slice(1, closing);
    for (const flag of text.slice(closing + 1)) {
      if (STATEFUL_FLAGS.has(flag)) {
        diagnostics.push(diagnostic('warning', 'ignored-regex-flag', at, `The flag ${flag} is ignored: it would make each match start where the previous one stopped. Remove it`));
      } else if (KEPT_FLAGS.has(flag)) {
        flags += flag;
      } else {
        diagnostics.push(diagnostic('error', 'invalid-regex', at, `${JSON.stringify(flag)} after the closing / is not a regex flag. Use only d, i, m, s, u or v, e.g. "/password:/i"`));
        return { regex: null, diagnostics };
      }
    }
  } else {
    source = text;
    diagnostics.push(diagnostic('warning', 'regex-without-slashes', at, `expect-regex takes "/regex/flags"; this is read as the regex /${text}/. Add the slashes`));
  }
  try {
    // Tags become a plain letter: their values are escaped when rendered, so they match literally.
    new RegExp(replaceTags(source, () => 'x'), flags);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    diagnostics.push(diagnostic('error', 'invalid-regex', at, `The regular expression does not compile (${reason}). Fix it, or use expect "*text*" to wait for plain text`));
    return { regex: null, diagnostics };
  }
  return { regex: { source, flags }, diagnostics };
}
