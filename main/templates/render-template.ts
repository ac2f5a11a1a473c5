import { assertNever } from '../../shared/assert-never';
import type { TemplateTagFilter } from '../../shared/domain/template-tags';
import type { RenderedScript, RenderedStep, TemplateStep } from './template-ast';
import { escapeRegExp } from './regex-escape';
import { replaceTags, type TagToken } from './scan-tags';
import { secretForms } from './secret-forms';
import { shellQuote } from './shell-quote';
import type { TagValues } from './tag-values';

/** A tag could not be filled in for this run; nothing has been sent. */
export class TemplateRenderError extends Error {
  readonly line: number;
  readonly tag: string;
  readonly code: 'tag-without-value' | 'unsafe-tag-value';

  constructor(code: 'tag-without-value' | 'unsafe-tag-value', line: number, tag: string, message: string) {
    super(message);
    this.name = 'TemplateRenderError';
    this.code = code;
    this.line = line;
    this.tag = tag;
  }
}

// A line break or other control character in a value would end the typed line early (the rest
// would run as another command) or drive the terminal; no legitimate value holds one. Tab is kept.
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return true;
  }
  return false;
}

/**
 * Fills in every tag. Values are inserted literally, except: `|sh` quotes the value as one POSIX
 * shell word, and inside expect-regex the value is regex-escaped so it matches literally. The
 * secrets list has every secret value of the run (used or not: masking more is the safe side) and
 * the forms in which it can appear in a transcript.
 */
export function renderTemplate(steps: readonly TemplateStep[], values: TagValues): RenderedScript {
  const rendered = steps.map((step) => renderStep(step, values));
  const secrets = new Set<string>();
  for (const value of values.values()) {
    if (value.available && value.secret) for (const form of secretForms(value.value)) secrets.add(form);
  }
  return { steps: rendered, secrets: [...secrets] };
}

function renderStep(step: TemplateStep, values: TagValues): RenderedStep {
  const fill = (text: string, inRegex: boolean) => replaceTags(text, (tag) => valueFor(tag, step.line, values, inRegex));
  switch (step.kind) {
    case 'exec':
    case 'write':
    case 'read':
      return { ...step, text: fill(step.text, false) };
    case 'expect':
    case 'no-expect':
      return { ...step, pattern: fill(step.pattern, false) };
    case 'expect-regex':
      return { ...step, source: fill(step.source, true) };
    case 'set-read-timeout':
    case 'set-connect-timeout':
    case 'set-new-line-mode':
    case 'set-ssh-version':
    case 'sleep':
    case 'end':
      return step;
    default:
      return assertNever(step, 'template step');
  }
}

function valueFor(tag: TagToken, line: number, values: TagValues, inRegex: boolean): string {
  const value = values.get(tag.name);
  if (value === undefined) {
    throw new TemplateRenderError('tag-without-value', line, tag.name, `Line ${line}: [#${tag.name}#] is not a known tag or variable. Fix the template (saving it shows where)`);
  }
  if (!value.available) {
    throw new TemplateRenderError('tag-without-value', line, tag.name, `Line ${line}: [#${tag.name}#] has no value because ${value.reason}. Fill it in, or use a template that does not need it`);
  }
  if (hasControlCharacter(value.value)) {
    throw new TemplateRenderError(
      'unsafe-tag-value',
      line,
      tag.name,
      `Line ${line}: the value of [#${tag.name}#] contains a line break or control character, which would end the line early on the target. Correct the value`,
    );
  }
  const filtered = applyFilter(value.value, tag.filter, line, tag.name);
  return inRegex ? escapeRegExp(filtered) : filtered;
}

function applyFilter(value: string, filter: string | null, line: number, name: string): string {
  if (filter === null) return value;
  if (!isFilter(filter)) throw new TemplateRenderError('tag-without-value', line, name, `Line ${line}: [#${name}|${filter}#] uses an unknown filter; the only filter is sh`);
  switch (filter) {
    case 'sh':
      return shellQuote(value);
    default:
      return assertNever(filter, 'tag filter');
  }
}

function isFilter(filter: string): filter is TemplateTagFilter {
  return filter === 'sh';
}
