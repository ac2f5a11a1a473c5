import type { TemplateDiagnostic } from '../../shared/domain/template-diagnostic';
import { assertNever } from '../../shared/assert-never';
import type { NewLineMode, TemplateStep } from './template-ast';
import { byPosition, diagnostic } from './diagnostic';
import { parseTextArgument, parseWordArgument, type ParsedArgument } from './parse-argument';
import { parseRegexArgument } from './parse-regex-argument';
import { splitSourceLines } from './source-lines';
import { COMMAND_SUGGESTIONS, MAX_SECONDS, TEMPLATE_COMMANDS, type CommandSpec } from './template-commands';
import { parseDirective, type AllowableCode } from './template-directives';

/** A step with where its text sits in the source, so the tag linter can point at a column. */
export interface ParsedStep {
  readonly step: TemplateStep;
  /** The text argument (exec, write, read, expect…), or null for commands without one. */
  readonly argument: ParsedArgument | null;
  /** Lint codes a `# pamdesk: allow` directive relaxed for this line. */
  readonly allowed: ReadonlySet<AllowableCode>;
}

export interface ParseResult {
  readonly steps: readonly TemplateStep[];
  readonly parsed: readonly ParsedStep[];
  /** Syntax only; tags are checked by lintTemplate. */
  readonly diagnostics: readonly TemplateDiagnostic[];
}

const NEW_LINE_MODES: readonly NewLineMode[] = ['unix', 'windows', 'mac'];

/**
 * Parses Segura's SSH-executor template language. Blank lines and lines whose first non-blank
 * character is `#` are skipped (comments may be indented). Each other line is one command: a
 * keyword, white space, an argument. A line with errors produces no step; parsing goes on so that
 * every problem is reported at once.
 */
export function parseTemplate(source: string): ParseResult {
  const parsed: ParsedStep[] = [];
  const diagnostics: TemplateDiagnostic[] = [];
  let pendingAllows = new Set<AllowableCode>();
  let endLine: number | null = null;
  let warnedUnreachable = false;

  for (const { number: line, text } of splitSourceLines(source)) {
    const start = text.length - text.trimStart().length;
    if (start === text.length) continue;
    if (text[start] === '#') {
      const { directive, diagnostics: found } = parseDirective(text.slice(start), line, start + 1);
      diagnostics.push(...found);
      if (directive.kind === 'allow') pendingAllows.add(directive.code);
      continue;
    }
    const keyword = /^[^\s"]+/.exec(text.slice(start))?.[0] ?? '';
    const keywordAt = { line, column: start + 1, length: Math.max(1, keyword.length) };
    const spec = TEMPLATE_COMMANDS.get(keyword);
    const allowed = pendingAllows;
    pendingAllows = new Set();
    if (spec === undefined) {
      diagnostics.push(diagnostic('error', 'unknown-command', keywordAt, unknownCommandMessage(keyword)));
      continue;
    }
    if (endLine !== null && !warnedUnreachable) {
      warnedUnreachable = true;
      diagnostics.push(diagnostic('warning', 'unreachable-after-end', keywordAt, `This line comes after end (line ${endLine}) and never runs. Remove it or move end below it`));
    }
    const afterKeyword = start + keyword.length;
    const argumentStart = afterKeyword + (text.length - afterKeyword - text.slice(afterKeyword).trimStart().length);
    const result = parseCommand(spec, keyword, text, argumentStart, line);
    diagnostics.push(...result.diagnostics);
    if (result.step !== null) {
      parsed.push({ step: result.step, argument: result.argument, allowed });
      if (result.step.kind === 'end' && endLine === null) endLine = line;
    }
  }
  if (parsed.length === 0 && !diagnostics.some((d) => d.severity === 'error')) {
    diagnostics.push(diagnostic('warning', 'empty-template', { line: 1, column: 1 }, 'The template has no commands, so a run would do nothing. Add commands such as expect-regex, exec and end'));
  }
  return { steps: parsed.map((p) => p.step), parsed, diagnostics: diagnostics.sort(byPosition) };
}

interface CommandResult {
  readonly step: TemplateStep | null;
  readonly argument: ParsedArgument | null;
  readonly diagnostics: readonly TemplateDiagnostic[];
}

function parseCommand(spec: CommandSpec, keyword: string, text: string, argumentStart: number, line: number): CommandResult {
  switch (spec.argument) {
    case 'none': {
      const extra = text.slice(argumentStart).trimEnd();
      const diagnostics =
        extra === ''
          ? []
          : [diagnostic('warning', 'unexpected-argument', { line, column: argumentStart + 1, length: extra.length }, `${keyword} takes no argument; ${JSON.stringify(extra)} is ignored. Remove it`)];
      return { step: { kind: 'end', line }, argument: null, diagnostics };
    }
    case 'text':
      return textCommand(spec, keyword, text, argumentStart, line);
    case 'number':
    case 'new-line-mode':
      return wordCommand(spec, keyword, text, argumentStart, line);
    default:
      return assertNever(spec.argument, 'argument kind');
  }
}

function textCommand(spec: CommandSpec, keyword: string, text: string, argumentStart: number, line: number): CommandResult {
  const { argument, diagnostics } = parseTextArgument(text, argumentStart, line, keyword);
  if (argument === null || diagnostics.some((d) => d.severity === 'error')) return { step: null, argument: null, diagnostics };
  const value = argument.text;
  switch (spec.kind) {
    case 'exec':
    case 'write':
    case 'read':
      return { step: { kind: spec.kind, text: value, line }, argument, diagnostics };
    case 'expect':
    case 'no-expect':
      return { step: { kind: spec.kind, pattern: value, line }, argument, diagnostics };
    case 'expect-regex': {
      const { regex, diagnostics: regexDiagnostics } = parseRegexArgument(argument, line);
      const all = [...diagnostics, ...regexDiagnostics];
      return regex === null ? { step: null, argument: null, diagnostics: all } : { step: { kind: 'expect-regex', source: regex.source, flags: regex.flags, line }, argument, diagnostics: all };
    }
    default:
      throw new Error(`${keyword} is registered as a text command but has no text step`);
  }
}

function wordCommand(spec: CommandSpec, keyword: string, text: string, argumentStart: number, line: number): CommandResult {
  const { argument, diagnostics } = parseWordArgument(text, argumentStart, line, keyword);
  if (argument === null) return { step: null, argument: null, diagnostics };
  const at = { line, column: argument.column, length: Math.max(1, argument.text.length) };
  const fail = (code: 'invalid-number' | 'invalid-new-line-mode' | 'unsupported-ssh-version', message: string): CommandResult => ({
    step: null,
    argument: null,
    diagnostics: [...diagnostics, diagnostic('error', code, at, message)],
  });
  if (spec.kind === 'set-new-line-mode') {
    const mode = NEW_LINE_MODES.find((m) => m === argument.text.toLowerCase());
    if (mode === undefined) return fail('invalid-new-line-mode', `${JSON.stringify(argument.text)} is not a new-line mode. Write unix (\\n), windows (\\r\\n) or mac (\\r)`);
    return { step: { kind: 'set-new-line-mode', mode, line }, argument: null, diagnostics };
  }
  if (!/^\d+(\.\d+)?$/.test(argument.text)) {
    return fail('invalid-number', `${keyword} takes a number of ${spec.kind === 'set-ssh-version' ? 'the protocol version' : 'seconds'}, not ${JSON.stringify(argument.text)}; e.g. ${keyword} ${spec.kind === 'set-ssh-version' ? 2 : 10}`);
  }
  const value = Number(argument.text);
  switch (spec.kind) {
    case 'set-ssh-version':
      if (value !== 2) return fail('unsupported-ssh-version', `SSH protocol version ${argument.text} is not supported: only version 2 exists in practice (version 1 is insecure and gone from OpenSSH). Write set-ssh-version 2 or remove the line`);
      return { step: { kind: 'set-ssh-version', version: 2, line }, argument: null, diagnostics };
    case 'set-read-timeout':
    case 'set-connect-timeout':
      if (value <= 0 || value > MAX_SECONDS) return fail('invalid-number', `${keyword} takes seconds between 1 and ${MAX_SECONDS}; ${argument.text} is out of range`);
      return { step: { kind: spec.kind, seconds: value, line }, argument: null, diagnostics };
    case 'sleep':
      if (value > MAX_SECONDS) return fail('invalid-number', `sleep takes seconds up to ${MAX_SECONDS}; ${argument.text} is too long (seconds, not milliseconds)`);
      return { step: { kind: 'sleep', seconds: value, line }, argument: null, diagnostics };
    default:
      throw new Error(`${keyword} is registered as a number command but has no number step`);
  }
}

function unknownCommandMessage(keyword: string): string {
  const known = [...TEMPLATE_COMMANDS.keys()].join(', ');
  if (TEMPLATE_COMMANDS.has(keyword.toLowerCase())) return `Unknown command ${JSON.stringify(keyword)}: commands are lower case. Write ${keyword.toLowerCase()}`;
  const suggestion = COMMAND_SUGGESTIONS.get(keyword.toLowerCase());
  if (suggestion !== undefined) return `Unknown command ${JSON.stringify(keyword)}. Write ${suggestion}`;
  return `Unknown command ${JSON.stringify(keyword)}. The SSH executor knows ${known}; start a comment with #`;
}
