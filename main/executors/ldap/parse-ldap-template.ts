import { FilterParser } from 'ldapts';
import type { TemplateVariable } from '../../../shared/domain/template';
import type { TemplateDiagnostic } from '../../../shared/domain/template-diagnostic';
import { TEMPLATE_TAGS, isBuiltinTagName, isSecretBuiltinTag } from '../../../shared/domain/template-tags';
import { byPosition, diagnostic } from '../../templates/diagnostic';
import { replaceTags, scanMalformedTagStarts, scanTags } from '../../templates/scan-tags';
import { splitSourceLines } from '../../templates/source-lines';
import { isDistinguishedName } from './ldap-dn-syntax';
import type { LdapModOperation, LdapStep, LdapText } from './ldap-template-ast';

export interface ParsedLdapTemplate {
  /** Only meaningful when there is no error diagnostic. */
  readonly steps: readonly LdapStep[];
  /** Sorted by line then column. */
  readonly diagnostics: readonly TemplateDiagnostic[];
}

/**
 * Where a tag's value goes decides how it is quoted when rendered (render-ldap-template.ts): in a
 * name (bind, find's base) it is an RFC 4514 attribute value, in a filter an RFC 4515 assertion
 * value, in an attribute value it is sent as is (the protocol carries it as bytes).
 */
export type LdapTextPosition = 'name' | 'filter' | 'value';

/** The one tag filter of LDAP templates: `[#DOMAIN|dc#]` is the domain as DC=corp,DC=example,DC=com. */
export const LDAP_TAG_FILTERS = ['dc'] as const;

const MOD_COMMANDS: Readonly<Record<string, LdapModOperation>> = { 'mod-add': 'add', 'mod-delete': 'delete', 'mod-replace': 'replace' };
const COMMANDS = ['set-option', 'bind', 'find', 'password-modify', ...Object.keys(MOD_COMMANDS)];
const ATTRIBUTE = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)(?:;[A-Za-z0-9-]+)*$/;
const UNICODE_PWD_FORM = /^u\((.*)\)$/s;
/** Options that would accept any certificate: pamdesk only binds to the certificate pinned on the device. */
const WEAK_TLS_VALUES = /^(?:never|allow|try|0|LDAP_OPT_X_TLS_(?:NEVER|ALLOW|TRY))$/i;

/**
 * Segura's LDAP template language, one command a line (# starts a comment):
 *   set-option LDAP_OPT_PROTOCOL_VERSION 3     (3 only; LDAP_OPT_REFERRALS is accepted: referrals are never followed;
 *                                               LDAP_OPT_NETWORK_TIMEOUT / LDAP_OPT_TIMEOUT set seconds)
 *   bind "cn=[#AUTH_USER#],CN=Users,DC=corp,DC=com"   binds as that name with the login's password;
 *                                               bind alone binds as the login's own username (its DN or UPN)
 *   find "DC=corp,DC=com" (sAMAccountName=[#USERNAME#])   exactly one entry must match
 *   mod-replace unicodePwd "u([#NEW_PASSWORD#])"      mod-add / mod-delete too; u(...) is AD's quoted UTF-16LE form
 *   password-modify "[#NEW_PASSWORD#]" "[#CURRENT_PASSWORD#]"   pamdesk's: RFC 3062, old password optional;
 *                                               changes the found entry, or the bound account when nothing was found
 * Consecutive mod lines are one modify request, so AD's own change (delete the old unicodePwd, add
 * the new) is atomic as AD requires. A tag alone as a bind name or find base is a whole name (the
 * account's DN or UPN); inside a longer one it is one escaped attribute value.
 */
export function parseLdapTemplate(source: string, variables: readonly TemplateVariable[]): ParsedLdapTemplate {
  const declared = new Map(variables.map((v) => [v.name, v.secret]));
  const steps: LdapStep[] = [];
  const diagnostics: TemplateDiagnostic[] = [];
  let bound = false;
  let found = false;
  for (const { number: line, text } of splitSourceLines(source)) {
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const indent = text.length - text.trimStart().length;
    const command = /^\S+/.exec(trimmed)?.[0] ?? '';
    const argsStart = indent + command.length;
    const at = (column: number, length: number) => ({ line, column, length });
    if (!COMMANDS.includes(command)) {
      diagnostics.push(diagnostic('error', 'unknown-command', at(indent + 1, command.length), `"${command}" is not a command of LDAP templates. Use one of ${COMMANDS.join(', ')}`));
      continue;
    }
    const tokens = tokenize(text, argsStart);
    const missing = (what: string, example: string) =>
      diagnostics.push(diagnostic('error', 'missing-argument', at(indent + 1, command.length), `${command} needs ${what}, e.g. ${example}`));
    const checkText = (value: LdapText, position: LdapTextPosition) => diagnostics.push(...checkLdapText(value, position, line, declared));
    const needBind = () => {
      if (!bound) diagnostics.push(diagnostic('error', 'step-out-of-order', at(indent + 1, command.length), `${command} comes before any bind: bind as the account that may do it first (nothing is sent unauthenticated)`));
    };
    switch (command) {
      case 'set-option': {
        const [name, value] = tokens;
        if (name === undefined || value === undefined) {
          missing('an option and a value', 'set-option LDAP_OPT_PROTOCOL_VERSION 3');
          break;
        }
        const option = checkOption(name, value, line, diagnostics);
        if (option !== null) steps.push({ kind: 'set-option', line, option: name.text, seconds: option.seconds });
        extraTokens(tokens, 2, command, line, diagnostics);
        break;
      }
      case 'bind': {
        // Without a name: the run's login binds as its own username, as a fresh login does.
        const [name] = tokens;
        if (name !== undefined) checkText(name, 'name');
        extraTokens(tokens, 1, command, line, diagnostics);
        steps.push({ kind: 'bind', line, name: name ?? null });
        bound = true;
        break;
      }
      case 'find': {
        const [base] = tokens;
        const filter = base === undefined ? undefined : restAfter(text, base);
        if (base === undefined || filter === undefined) {
          missing('a base DN and a filter', 'find "DC=corp,DC=com" (sAMAccountName=[#USERNAME#])');
          break;
        }
        needBind();
        checkText(base, 'name');
        checkText(filter, 'filter');
        steps.push({ kind: 'find', line, base, filter });
        found = true;
        break;
      }
      case 'password-modify': {
        const [newPassword, oldPassword] = tokens;
        if (newPassword === undefined) {
          missing('the new password', 'password-modify "[#NEW_PASSWORD#]" "[#CURRENT_PASSWORD#]"');
          break;
        }
        needBind();
        checkText(newPassword, 'value');
        if (oldPassword !== undefined) checkText(oldPassword, 'value');
        extraTokens(tokens, 2, command, line, diagnostics);
        steps.push({ kind: 'password-modify', line, newPassword, oldPassword: oldPassword ?? null });
        break;
      }
      default: {
        const operation = MOD_COMMANDS[command] as LdapModOperation;
        const [attribute] = tokens;
        const raw = attribute === undefined ? undefined : restAfter(text, attribute);
        if (attribute === undefined || (raw === undefined && operation !== 'delete')) {
          missing('an attribute and a value', `${command} unicodePwd "u([#NEW_PASSWORD#])"`);
          break;
        }
        needBind();
        if (!found) {
          diagnostics.push(diagnostic('error', 'step-out-of-order', at(indent + 1, command.length), `${command} changes the entry a find located, and no find comes before it: add find "BASE" (FILTER) above`));
        }
        if (!ATTRIBUTE.test(attribute.text)) {
          diagnostics.push(diagnostic('error', 'invalid-attribute', at(attribute.column, attribute.text.length), `${JSON.stringify(attribute.text)} is not an attribute name (letters, digits and -, or an OID; no tags)`));
        }
        const unicode = raw === undefined ? null : UNICODE_PWD_FORM.exec(raw.text);
        const value = raw === undefined ? null : unicode ? { text: unicode[1] ?? '', column: raw.column + 2 } : raw;
        if (value !== null) checkText(value, 'value');
        steps.push({ kind: 'mod', line, operation, attribute: attribute.text, value, unicodePwd: unicode !== null });
      }
    }
  }
  if (steps.length === 0) {
    diagnostics.push(diagnostic('warning', 'empty-template', { line: 1, column: 1 }, 'This template has no commands: a run would bind to nothing and change nothing'));
  }
  return { steps, diagnostics: diagnostics.sort(byPosition) };
}

interface Token extends LdapText {
  /** 0-based offset just after the token in the line. */
  readonly end: number;
}

/** Space-separated words and double-quoted strings (no escapes, as in Segura). */
function tokenize(text: string, from: number): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < text.length) {
    if (text[i] === ' ' || text[i] === '\t') {
      i += 1;
      continue;
    }
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      const end = close < 0 ? text.length : close + 1;
      tokens.push({ text: text.slice(i + 1, close < 0 ? text.length : close), column: i + 2, end });
      i = end;
      continue;
    }
    const start = i;
    while (i < text.length && text[i] !== ' ' && text[i] !== '\t') i += 1;
    tokens.push({ text: text.slice(start, i), column: start + 1, end: i });
  }
  return tokens;
}

/** The rest of the line after a token (a filter, an attribute value), without its outer quotes. */
function restAfter(text: string, token: Token): LdapText | undefined {
  const rest = text.slice(token.end);
  const trimmed = rest.trim();
  if (trimmed === '') return undefined;
  const start = token.end + (rest.length - rest.trimStart().length);
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) return { text: trimmed.slice(1, -1), column: start + 2 };
  return { text: trimmed, column: start + 1 };
}

function extraTokens(tokens: readonly Token[], expected: number, command: string, line: number, diagnostics: TemplateDiagnostic[]): void {
  const extra = tokens[expected];
  if (extra === undefined) return;
  diagnostics.push(diagnostic('error', 'unexpected-argument', { line, column: extra.column, length: extra.text.length }, `${command} takes ${expected} argument${expected === 1 ? '' : 's'}; ${JSON.stringify(extra.text)} would be ignored. Quote an argument that holds spaces`));
}

function checkOption(name: Token, value: Token, line: number, diagnostics: TemplateDiagnostic[]): { seconds: number | null } | null {
  const at = { line, column: value.column, length: Math.max(1, value.text.length) };
  const seconds = (): number | null => {
    if (!/^\d{1,4}$/.test(value.text) || Number(value.text) === 0) {
      diagnostics.push(diagnostic('error', 'invalid-number', at, `${name.text} takes a whole number of seconds from 1 to 9999`));
      return null;
    }
    return Number(value.text);
  };
  switch (name.text) {
    case 'LDAP_OPT_PROTOCOL_VERSION':
      if (value.text !== '3') diagnostics.push(diagnostic('error', 'invalid-number', at, 'pamdesk speaks LDAP version 3 only (version 2 has no StartTLS or extended operations): write 3'));
      return { seconds: null };
    case 'LDAP_OPT_REFERRALS':
      // Segura's templates set it; pamdesk never follows a referral to another server.
      return { seconds: null };
    case 'LDAP_OPT_NETWORK_TIMEOUT':
    case 'LDAP_OPT_TIMEOUT': {
      const parsed = seconds();
      return parsed === null ? null : { seconds: parsed };
    }
    default:
      if (name.text.startsWith('LDAP_OPT_X_TLS')) {
        if (WEAK_TLS_VALUES.test(value.text)) {
          diagnostics.push(
            diagnostic('error', 'insecure-option', at, `${name.text} ${value.text} would bind without checking the server's certificate. pamdesk binds only over TLS to the certificate pinned on the device: remove this line and trust the device's certificate instead`),
          );
        }
        return { seconds: null };
      }
      diagnostics.push(
        diagnostic('error', 'unknown-option', { line, column: name.column, length: name.text.length }, `"${name.text}" is not an option pamdesk knows: use LDAP_OPT_PROTOCOL_VERSION, LDAP_OPT_REFERRALS, LDAP_OPT_NETWORK_TIMEOUT or LDAP_OPT_TIMEOUT`),
      );
      return null;
  }
}

/**
 * Checks the tags of one piece of text and, with each tag standing for a harmless value, its
 * syntax: a name must be a DN (or a user@domain / DOMAIN\user name), a filter an RFC 4515 filter.
 */
export function checkLdapText(value: LdapText, position: LdapTextPosition, line: number, declared: ReadonlyMap<string, boolean>): TemplateDiagnostic[] {
  const diagnostics: TemplateDiagnostic[] = [];
  const tags = scanTags(value.text);
  for (const start of scanMalformedTagStarts(value.text, tags)) {
    diagnostics.push(diagnostic('warning', 'malformed-tag', { line, column: value.column + start, length: 2 }, 'This looks like a tag but is not closed as one, so it is sent literally. Write tags as [#NAME#]'));
  }
  for (const tag of tags) {
    const at = { line, column: value.column + tag.index, length: tag.raw.length };
    const secret = isBuiltinTagName(tag.name) ? isSecretBuiltinTag(tag.name) : declared.get(tag.name);
    if (secret === undefined) {
      diagnostics.push(diagnostic('error', 'unknown-tag', at, `[#${tag.name}#] is neither a built-in tag nor a variable of this template. Use one of ${TEMPLATE_TAGS.map((t) => t.name).join(', ')}, or declare ${tag.name} as a variable`));
      continue;
    }
    if (tag.filter !== null && !(position === 'name' && (LDAP_TAG_FILTERS as readonly string[]).includes(tag.filter))) {
      diagnostics.push(
        diagnostic('error', 'unknown-filter', at, `|${tag.filter} is not a filter here. LDAP templates quote every value by where it goes; the only filter is |dc in a DN ([#DOMAIN|dc#] is DC=corp,DC=example,DC=com)`),
      );
    }
    if (secret && position !== 'value') {
      diagnostics.push(
        diagnostic('error', 'secret-in-ldap-name', at, `[#${tag.name}#] is a secret inside a ${position === 'name' ? 'DN' : 'search filter'}, which directory servers write to their logs. Secrets go only into attribute values and password-modify`),
      );
    }
  }
  if (position === 'value') return diagnostics;
  const whole = tags.length === 1 && tags[0]?.raw === value.text.trim();
  const sample = whole ? 'cn=x' : replaceTags(value.text, (tag) => (tag.filter === 'dc' ? 'DC=x' : 'x'));
  const at = { line, column: value.column, length: Math.max(1, value.text.length) };
  if (position === 'name') {
    // A name without `=` is what Active Directory also binds (user@domain, DOMAIN\user).
    if (sample.includes('=') && !isDistinguishedName(sample)) {
      diagnostics.push(diagnostic('error', 'invalid-dn', at, `${JSON.stringify(value.text)} is not a distinguished name (RFC 4514: attr=value pairs separated by commas, e.g. CN=Users,DC=corp,DC=com)`));
    }
    return diagnostics;
  }
  try {
    FilterParser.parseString(sample);
  } catch (error) {
    diagnostics.push(diagnostic('error', 'invalid-filter', at, `${JSON.stringify(value.text)} is not a search filter (RFC 4515, e.g. (&(objectClass=user)(sAMAccountName=[#USERNAME#]))): ${error instanceof Error ? error.message : String(error)}`));
  }
  return diagnostics;
}
