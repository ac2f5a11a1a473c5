import type { TemplateDiagnostic } from '../../shared/domain/template-diagnostic';
import type { TemplateTarget, TemplateVariable } from '../../shared/domain/template';
import { TEMPLATE_TAG_FILTERS, TEMPLATE_TAGS, isBuiltinTagName, isSecretBuiltinTag } from '../../shared/domain/template-tags';
import { diagnostic } from './diagnostic';
import type { ParsedStep } from './parse-template';
import { scanMalformedTagStarts, scanTags, type TagToken } from './scan-tags';

/**
 * Checks the tags of every step:
 * - a tag that is neither built in nor a declared variable is an error (it would be sent as is);
 * - an unknown filter is an error;
 * On a POSIX target, for exec and write (the lines a shell reads):
 * - a SECRET tag must be the whole argument, i.e. typed alone at the prompt that asks for it. A
 *   secret inside a longer line is an ERROR: on a command line it shows in the process list, the
 *   shell history and audit logs. `# pamdesk: allow secret-on-command-line` on the line above turns
 *   it into a warning, for the rare command that has no prompt (the warning keeps it visible);
 * - a non-secret tag inside a longer line without `|sh` is a WARNING: a value with spaces or ; | $
 *   would change the command (`# pamdesk: allow unquoted-tag-on-command-line` silences it);
 * - `|sh` on a tag that is the whole argument is a WARNING: a prompt would receive the quotes.
 * On a network-cli target (IOS…) secrets belong on configuration lines and shell quoting means
 * nothing, so only `|sh` is flagged there.
 */
export function lintTags(parsed: readonly ParsedStep[], target: TemplateTarget, variables: readonly TemplateVariable[]): readonly TemplateDiagnostic[] {
  const declared = new Map(variables.map((v) => [v.name, v.secret]));
  const diagnostics: TemplateDiagnostic[] = [];
  for (const { step, argument, allowed } of parsed) {
    if (argument === null) continue;
    const tags = scanTags(argument.text);
    const at = (tag: TagToken) => ({ line: step.line, column: argument.column + tag.index, length: tag.raw.length });
    for (const start of scanMalformedTagStarts(argument.text, tags)) {
      diagnostics.push(
        diagnostic('warning', 'malformed-tag', { line: step.line, column: argument.column + start, length: 2 }, 'This looks like a tag but is not closed as one, so it is sent literally. Write tags as [#NAME#] or [#NAME|sh#]'),
      );
    }
    const onShellLine = target === 'posix' && (step.kind === 'exec' || step.kind === 'write');
    const whole = (tag: TagToken) => argument.text.trim() === tag.raw;
    for (const tag of tags) {
      const secret = isBuiltinTagName(tag.name) ? isSecretBuiltinTag(tag.name) : declared.get(tag.name);
      if (secret === undefined) {
        diagnostics.push(diagnostic('error', 'unknown-tag', at(tag), unknownTagMessage(tag)));
        continue;
      }
      if (tag.filter !== null && !(TEMPLATE_TAG_FILTERS as readonly string[]).includes(tag.filter)) {
        diagnostics.push(diagnostic('error', 'unknown-filter', at(tag), `${JSON.stringify(tag.filter)} is not a tag filter. The only filter is sh: [#${tag.name}|sh#] quotes the value as one shell word`));
        continue;
      }
      if (tag.filter === 'sh' && target === 'network-cli') {
        diagnostics.push(diagnostic('warning', 'shell-filter-on-non-posix', at(tag), `|sh adds POSIX-shell quotes, which a network CLI takes literally. Write [#${tag.name}#] (or remove "# pamdesk: target network-cli" if the target is a shell)`));
      }
      if (!onShellLine) continue;
      if (whole(tag)) {
        if (tag.filter === 'sh') {
          diagnostics.push(diagnostic('warning', 'shell-filter-at-prompt', at(tag), `[#${tag.name}|sh#] alone on the line answers a prompt, which would receive the quotes too. Write [#${tag.name}#]`));
        }
        continue;
      }
      if (secret) {
        const downgraded = allowed.has('secret-on-command-line');
        diagnostics.push(
          diagnostic(
            downgraded ? 'warning' : 'error',
            'secret-on-command-line',
            at(tag),
            downgraded
              ? `[#${tag.name}#] is a secret on a command line (allowed by a directive): the target may show it in its process list, history and logs`
              : `[#${tag.name}#] is a secret on a command line, where the target shows it in its process list, shell history and logs. Send it alone at the prompt that asks for it (expect "*password:*" then exec "[#${tag.name}#]"); if the command has no prompt, put "# pamdesk: allow secret-on-command-line" on the line above`,
          ),
        );
      } else if (tag.filter !== 'sh' && !allowed.has('unquoted-tag-on-command-line')) {
        diagnostics.push(
          diagnostic('warning', 'unquoted-tag-on-command-line', at(tag), `[#${tag.name}#] goes onto a shell command line unquoted: a value with spaces or ; | $ would change the command. Write [#${tag.name}|sh#] to pass it as one quoted word`),
        );
      }
    }
  }
  return diagnostics;
}

function unknownTagMessage(tag: TagToken): string {
  const upper = tag.name.toUpperCase();
  if (upper !== tag.name && isBuiltinTagName(upper)) return `[#${tag.name}#] is not a tag: tags are upper case. Write [#${upper}${tag.filter === null ? '' : `|${tag.filter}`}#]`;
  return `[#${tag.name}#] is neither a built-in tag nor a variable of this template. Use one of ${TEMPLATE_TAGS.map((t) => t.name).join(', ')}, or declare ${tag.name} as a variable`;
}
