import type { TemplateDiagnostic } from '../../shared/domain/template-diagnostic';
import type { DeviceShell } from '../../shared/domain/device-shell';
import type { TemplateVariable } from '../../shared/domain/template';
import { TEMPLATE_TAG_FILTERS, TEMPLATE_TAGS, isBuiltinTagName, isSecretBuiltinTag } from '../../shared/domain/template-tags';
import { diagnostic } from './diagnostic';
import type { ParsedStep } from './parse-template';
import { scanMalformedTagStarts, scanTags, type TagToken } from './scan-tags';

/**
 * Checks the tags of every step:
 * - a tag that is neither built in nor a declared variable is an error (it would be sent as is);
 * - an unknown filter is an error;
 * The device's shell decides the rest (shared/domain/device-shell.ts); `shell` is undefined when
 * the template is checked without a device (saving, `pamdesk template lint` without --shell).
 * On a POSIX shell, for exec and write (the lines a shell reads):
 * - a SECRET tag must be the whole argument, i.e. typed alone at the prompt that asks for it. A
 *   secret inside a longer line is an ERROR: on a command line it shows in the process list, the
 *   shell history and audit logs. `# pamdesk: allow secret-on-command-line` on the line above turns
 *   it into a warning, for the rare command that has no prompt (the warning keeps it visible);
 * - a non-secret tag inside a longer line without `|sh` is a WARNING: a value with spaces or ; | $
 *   would change the command (`# pamdesk: allow unquoted-tag-on-command-line` silences it);
 * - `|sh` on a tag that is the whole argument is a WARNING: a prompt would receive the quotes.
 * On a network CLI (IOS…) secrets belong on configuration lines and shell quoting means nothing,
 * so only `|sh` is flagged there. Without a device the same checks run as for a POSIX shell, but a
 * secret on a command line is a WARNING: the template is right for a network CLI, and the run on a
 * POSIX device refuses it (main/execution checks again with the device's shell before sending).
 */
export function lintTags(parsed: readonly ParsedStep[], shell: DeviceShell | undefined, variables: readonly TemplateVariable[]): readonly TemplateDiagnostic[] {
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
    const onShellLine = shell !== 'network-cli' && (step.kind === 'exec' || step.kind === 'write');
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
      if (tag.filter === 'sh' && shell === 'network-cli') {
        diagnostics.push(diagnostic('warning', 'shell-filter-on-non-posix', at(tag), `|sh adds POSIX-shell quotes, which a network CLI takes literally. Write [#${tag.name}#] (or set the device's shell to POSIX if it is one)`));
      }
      if (!onShellLine) continue;
      if (whole(tag)) {
        if (tag.filter === 'sh') {
          diagnostics.push(diagnostic('warning', 'shell-filter-at-prompt', at(tag), `[#${tag.name}|sh#] alone on the line answers a prompt, which would receive the quotes too. Write [#${tag.name}#]`));
        }
        continue;
      }
      if (secret) {
        diagnostics.push(secretOnCommandLine(tag.name, at(tag), shell, allowed.has('secret-on-command-line')));
      } else if (tag.filter !== 'sh' && !allowed.has('unquoted-tag-on-command-line')) {
        diagnostics.push(
          diagnostic('warning', 'unquoted-tag-on-command-line', at(tag), `[#${tag.name}#] goes onto a shell command line unquoted: a value with spaces or ; | $ would change the command. Write [#${tag.name}|sh#] to pass it as one quoted word`),
        );
      }
    }
  }
  return diagnostics;
}

function secretOnCommandLine(name: string, at: { line: number; column: number; length: number }, shell: DeviceShell | undefined, allowedByDirective: boolean): TemplateDiagnostic {
  if (allowedByDirective) {
    return diagnostic('warning', 'secret-on-command-line', at, `[#${name}#] is a secret on a command line (allowed by a directive): a POSIX target may show it in its process list, history and logs`);
  }
  const atThePrompt = `send it alone at the prompt that asks for it (expect "*password:*" then exec "[#${name}#]"); if the command has no prompt, put "# pamdesk: allow secret-on-command-line" on the line above`;
  if (shell === undefined) {
    return diagnostic(
      'warning',
      'secret-on-command-line',
      at,
      `[#${name}#] is a secret on a command line. That is how network CLIs (Cisco, Juniper, Huawei...) take it, and it runs on a device whose shell is a network CLI; on a device whose shell is POSIX the run is refused before anything is sent, because there it would show in the process list, shell history and logs. For POSIX devices, ${atThePrompt}`,
    );
  }
  return diagnostic(
    'error',
    'secret-on-command-line',
    at,
    `[#${name}#] is a secret on a command line, which this device's POSIX shell shows in its process list, shell history and logs. ${atThePrompt.charAt(0).toUpperCase()}${atThePrompt.slice(1)}; if the device is in fact a network CLI, set its shell to network CLI`,
  );
}

export function unknownTagMessage(tag: TagToken): string {
  const upper = tag.name.toUpperCase();
  if (upper !== tag.name && isBuiltinTagName(upper)) return `[#${tag.name}#] is not a tag: tags are upper case. Write [#${upper}${tag.filter === null ? '' : `|${tag.filter}`}#]`;
  return `[#${tag.name}#] is neither a built-in tag nor a variable of this template. Use one of ${TEMPLATE_TAGS.map((t) => t.name).join(', ')}, or declare ${tag.name} as a variable`;
}
