import { assertNever } from '../../shared/assert-never';
import { findControlCharacter } from '../../shared/domain/control-characters';
import type { DeviceShell } from '../../shared/domain/device-shell';
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

/**
 * Fills in every tag. Values are inserted literally, except: `|sh` quotes the value as one POSIX
 * shell word, and inside expect-regex the value is regex-escaped so it matches literally. The
 * secrets list has every secret value of the run (used or not: masking more is the safe side) and
 * the forms in which it can appear in a transcript. `target` is what reads the lines (the template's
 * "# pamdesk: target" directive, posix without one): the executor prepares a POSIX shell's line
 * editing before the first step (see prepare-posix-shell.ts).
 *
 * A value holding a control character (TAB, CR, LF, ESC, NUL, DEL, C1) refuses the whole run here,
 * before anything is sent: typed into a terminal, a line break ends the line early, TAB completes
 * a file name (closing a quote: `passwd '/etc/hostnam<TAB>;touch x;#'` runs touch as root), ESC
 * and C1 codes drive the terminal or the line editor. No name, address or password needs one.
 */
export function renderTemplate(steps: readonly TemplateStep[], values: TagValues, target: DeviceShell = 'posix'): RenderedScript {
  const rendered = steps.map((step) => renderStep(step, values));
  const secrets = new Set<string>();
  for (const value of values.values()) {
    if (value.available && value.secret) for (const form of secretForms(value.value)) secrets.add(form);
  }
  return { steps: rendered, secrets: [...secrets], target };
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
  const value = safeTagValue(tag, line, values, "which the device's terminal would act on instead of typing it");
  const filtered = applyFilter(value.value, tag.filter, line, tag.name);
  return inRegex ? escapeRegExp(filtered) : filtered;
}

/**
 * A tag's value for one run, or why the run cannot have it: an unknown tag, a value this run does
 * not have, or one holding a control character (`refusal` says, in the executor's words, why that
 * is never sent). Every executor's renderer takes its values through here; the quoting is its own.
 */
export function safeTagValue(tag: TagToken, line: number, values: TagValues, refusal: string): { readonly value: string; readonly secret: boolean } {
  const value = values.get(tag.name);
  if (value === undefined) {
    throw new TemplateRenderError('tag-without-value', line, tag.name, `Line ${line}: [#${tag.name}#] is not a known tag or variable. Fix the template (saving it shows where)`);
  }
  if (!value.available) {
    throw new TemplateRenderError('tag-without-value', line, tag.name, `Line ${line}: [#${tag.name}#] has no value because ${value.reason}. Fill it in, or use a template that does not need it`);
  }
  const control = findControlCharacter(value.value);
  if (control !== null) {
    throw new TemplateRenderError(
      'unsafe-tag-value',
      line,
      tag.name,
      `Line ${line}: the value of [#${tag.name}#] contains ${control.description} (character ${control.index + 1}), ${refusal}. Nothing was sent. Correct the ${value.secret ? 'secret (reset it without that character)' : 'value'} and run again`,
    );
  }
  return value;
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
