import { FilterParser } from 'ldapts';
import { safeTagValue, TemplateRenderError } from '../../templates/render-template';
import { replaceTags, scanTags, type TagToken } from '../../templates/scan-tags';
import type { TagValues } from '../../templates/tag-values';
import { isDistinguishedName } from './ldap-dn-syntax';
import { domainToDn, escapeDnValue, escapeFilterValue } from './ldap-escape';
import type { LdapTextPosition } from './parse-ldap-template';
import type { LdapStep, LdapText, LdapTimeouts, RenderedChange, RenderedLdapStep } from './ldap-template-ast';

export interface RenderedLdapTemplate {
  readonly steps: readonly RenderedLdapStep[];
  /** Every secret value of the run, for masking (LDAP never quotes a secret, so one form each). */
  readonly secrets: readonly string[];
  /** What the run would do, one line per step, as the dry run shows it. */
  readonly lines: readonly string[];
}

/**
 * Fills in every tag, quoted by where it goes: an RFC 4514 attribute value inside a DN, an RFC
 * 4515 assertion value inside a filter (so `*`, `)(`, `,`, `+` stay characters of the one value),
 * literally in an attribute value or a password (the protocol carries those as bytes). A tag that
 * is a whole bind name or base is a whole DN and must be one. A value with a control character
 * (NUL, line break...) refuses the run here, before anything is sent, as for terminal templates:
 * no name or password needs one, and a NUL cuts C strings on the server.
 * Consecutive mod lines become one modify request.
 */
export function renderLdapTemplate(steps: readonly LdapStep[], values: TagValues): RenderedLdapTemplate {
  const rendered: RenderedLdapStep[] = [];
  for (const step of steps) {
    switch (step.kind) {
      case 'set-option':
        break;
      case 'bind':
        rendered.push({ kind: 'bind', line: step.line, name: step.name === null ? null : fill(step.name, 'name', step.line, values) });
        break;
      case 'find':
        rendered.push({ kind: 'find', line: step.line, base: fill(step.base, 'name', step.line, values), filter: fill(step.filter, 'filter', step.line, values) });
        break;
      case 'password-modify':
        rendered.push({
          kind: 'password-modify',
          line: step.line,
          newPassword: fill(step.newPassword, 'value', step.line, values),
          oldPassword: step.oldPassword === null ? null : fill(step.oldPassword, 'value', step.line, values),
        });
        break;
      case 'mod': {
        const text = step.value === null ? null : fill(step.value, 'value', step.line, values);
        const change: RenderedChange = {
          line: step.line,
          operation: step.operation,
          attribute: step.attribute,
          values: text === null ? [] : [step.unicodePwd ? Buffer.from(`"${text}"`, 'utf16le') : Buffer.from(text, 'utf8')],
          display: `${step.operation} ${step.attribute}${text === null ? '' : ` ${step.unicodePwd ? `u(${JSON.stringify(text)})` : JSON.stringify(text)}`}`,
        };
        const previous = rendered.at(-1);
        if (previous?.kind === 'modify') rendered[rendered.length - 1] = { ...previous, changes: [...previous.changes, change] };
        else rendered.push({ kind: 'modify', line: step.line, changes: [change] });
        break;
      }
    }
  }
  const secrets = new Set<string>();
  for (const value of values.values()) if (value.available && value.secret && value.value !== '') secrets.add(value.value);
  return { steps: rendered, secrets: [...secrets], lines: rendered.map(describeLdapStep) };
}

/** The timeouts a template's set-option lines choose, over the port's. */
export function ldapTimeouts(steps: readonly LdapStep[], base: LdapTimeouts): LdapTimeouts {
  let { connectTimeoutMs, operationTimeoutMs } = base;
  for (const step of steps) {
    if (step.kind !== 'set-option' || step.seconds === null) continue;
    if (step.option === 'LDAP_OPT_NETWORK_TIMEOUT') connectTimeoutMs = step.seconds * 1000;
    if (step.option === 'LDAP_OPT_TIMEOUT') operationTimeoutMs = step.seconds * 1000;
  }
  return { connectTimeoutMs, operationTimeoutMs };
}

/** A rendered step in one line, for the dry run and the transcript (no attribute values in the latter). */
export function describeLdapStep(step: RenderedLdapStep): string {
  switch (step.kind) {
    case 'bind':
      return step.name === null ? 'bind as the login' : `bind ${JSON.stringify(step.name)}`;
    case 'find':
      return `find ${JSON.stringify(step.base)} ${step.filter}`;
    case 'modify':
      return `modify the found entry: ${step.changes.map((c) => c.display).join('; ')}`;
    case 'password-modify':
      return `password-modify (RFC 3062) new ${JSON.stringify(step.newPassword)}${step.oldPassword === null ? '' : ` old ${JSON.stringify(step.oldPassword)}`}`;
  }
}

function fill(text: LdapText, position: LdapTextPosition, line: number, values: TagValues): string {
  const tags = scanTags(text.text);
  const whole = position === 'name' && tags.length === 1 && tags[0]?.raw === text.text.trim();
  const out = replaceTags(text.text, (tag) => quote(valueOf(tag, line, values), tag, position, whole, line));
  if (position === 'filter') {
    try {
      FilterParser.parseString(out);
    } catch (error) {
      throw new TemplateRenderError('unsafe-tag-value', line, tags[0]?.name ?? '', `Line ${line}: the filter ${JSON.stringify(out)} is not a valid search filter (${error instanceof Error ? error.message : String(error)}). Nothing was sent`);
    }
  }
  if (position === 'name' && out.includes('=') && !isDistinguishedName(out)) {
    throw new TemplateRenderError('unsafe-tag-value', line, tags[0]?.name ?? '', `Line ${line}: ${JSON.stringify(out)} is not a distinguished name. Nothing was sent: correct the value (a whole DN such as uid=alice,ou=people,dc=example,dc=org)`);
  }
  return out;
}

function quote(value: string, tag: TagToken, position: LdapTextPosition, whole: boolean, line: number): string {
  if (tag.filter === 'dc') {
    try {
      return domainToDn(value);
    } catch (error) {
      throw new TemplateRenderError('unsafe-tag-value', line, tag.name, `Line ${line}: [#${tag.name}|dc#]: ${error instanceof Error ? error.message : String(error)}. Nothing was sent`);
    }
  }
  if (position === 'filter') return escapeFilterValue(value);
  if (position === 'name' && !whole) return escapeDnValue(value);
  return value;
}

function valueOf(tag: TagToken, line: number, values: TagValues): string {
  return safeTagValue(tag, line, values, 'which no directory name or password needs and which servers cut strings at').value;
}
