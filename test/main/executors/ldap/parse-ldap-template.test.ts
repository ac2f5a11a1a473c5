import { describe, expect, it } from 'vitest';
import { parseLdapTemplate } from '../../../../main/executors/ldap/parse-ldap-template';
import { renderLdapTemplate } from '../../../../main/executors/ldap/render-ldap-template';
import { domainToDn, escapeDnValue, escapeFilterValue } from '../../../../main/executors/ldap/ldap-escape';
import { isDistinguishedName } from '../../../../main/executors/ldap/ldap-dn-syntax';
import { passwordModifyRequest } from '../../../../main/executors/ldap/run-ldap-program';
import { TemplateRenderError } from '../../../../main/templates/render-template';
import type { TagValues } from '../../../../main/templates/tag-values';
import { BUILTIN_TEMPLATES, readBuiltinTemplate } from '../../../../main/templates/builtin/builtin-templates';

const SEGURA_AD = `# Protocol Version
set-option LDAP_OPT_PROTOCOL_VERSION 3
set-option LDAP_OPT_REFERRALS 3

# Execute Bind
bind "cn=[#AUTH_USER#],CN=Users,DC=dominio,DC=com"

# Locate User Entry
find "DC=dominio,DC=com" (&(objectClass=user)(sAMAccountName=[#USERNAME#]))

# Change Password
mod-replace unicodePwd "u([#NEW_PASSWORD#])"
`;

function values(entries: Record<string, string>, secrets: readonly string[] = ['NEW_PASSWORD', 'CURRENT_PASSWORD']): TagValues {
  return new Map(Object.entries(entries).map(([name, value]) => [name, { available: true as const, value, secret: secrets.includes(name) }]));
}

function errors(source: string): string[] {
  return parseLdapTemplate(source, [])
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.line}:${d.code}`);
}

describe('LDAP template language', () => {
  it("parses Segura's AD template into steps with their lines and no diagnostics", () => {
    const parsed = parseLdapTemplate(SEGURA_AD, []);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.steps.map((s) => `${s.line}:${s.kind}`)).toEqual(['2:set-option', '3:set-option', '6:bind', '9:find', '12:mod']);
    const mod = parsed.steps[4];
    expect(mod).toMatchObject({ kind: 'mod', operation: 'replace', attribute: 'unicodePwd', unicodePwd: true, value: { text: '[#NEW_PASSWORD#]' } });
  });

  it('renders DN values RFC 4514-escaped, filter values RFC 4515-escaped and u(...) as quoted UTF-16LE', () => {
    const parsed = parseLdapTemplate(SEGURA_AD, []);
    const rendered = renderLdapTemplate(parsed.steps, values({ AUTH_USER: 'ad,min+x=#1', USERNAME: 'a*)(cn=*', NEW_PASSWORD: `Pa"ss'; DROP ROLE x; --\\` }));
    expect(rendered.steps[0]).toEqual({ kind: 'bind', line: 6, name: 'cn=ad\\,min\\+x\\=#1,CN=Users,DC=dominio,DC=com' });
    expect(rendered.steps[1]).toEqual({ kind: 'find', line: 9, base: 'DC=dominio,DC=com', filter: '(&(objectClass=user)(sAMAccountName=a\\2a\\29\\28cn=\\2a))' });
    const modify = rendered.steps[2];
    if (modify?.kind !== 'modify') throw new Error('expected a modify');
    expect(modify.changes[0]?.values[0]).toEqual(Buffer.from(`"Pa"ss'; DROP ROLE x; --\\"`, 'utf16le'));
    expect(rendered.secrets).toEqual([`Pa"ss'; DROP ROLE x; --\\`]);
  });

  it('groups consecutive mod lines into one modify request (AD: delete old + add new)', () => {
    const template = BUILTIN_TEMPLATES.find((t) => t.name === 'Active Directory - Change own password');
    if (template === undefined) throw new Error('no AD own-change built-in');
    const body = readBuiltinTemplate(template);
    const parsed = parseLdapTemplate(body, []);
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const rendered = renderLdapTemplate(parsed.steps, values({ USERNAME: 'alice@corp.example.com', DOMAIN: 'corp.example.com', CURRENT_PASSWORD: 'old', NEW_PASSWORD: 'new' }));
    expect(rendered.steps.map((s) => s.kind)).toEqual(['bind', 'find', 'modify']);
    const modify = rendered.steps[2];
    if (modify?.kind !== 'modify') throw new Error('expected a modify');
    expect(modify.changes.map((c) => c.operation)).toEqual(['delete', 'add']);
    expect(rendered.steps[1]).toMatchObject({ base: 'DC=corp,DC=example,DC=com' });
  });

  it('every built-in LDAP template lints without an error', () => {
    for (const template of BUILTIN_TEMPLATES.filter((t) => t.executor === 'ldap')) {
      expect(errors(readBuiltinTemplate(template)), template.name).toEqual([]);
    }
  });

  it('refuses unknown commands and options, naming them, and steps out of order', () => {
    const parsed = parseLdapTemplate('bind\nmodrdn "x"\nset-option LDAP_OPT_FOO 1\n', []);
    expect(parsed.diagnostics.map((d) => `${d.line}:${d.code}`)).toEqual(['2:unknown-command', '3:unknown-option']);
    expect(parsed.diagnostics[0]?.message).toContain('"modrdn"');
    expect(errors('find "dc=x" (cn=a)\n')).toEqual(['1:step-out-of-order']);
    expect(errors('bind\nmod-replace description "x"\n')).toEqual(['2:step-out-of-order']);
  });

  it('refuses an option that would skip the certificate check, and LDAP version 2', () => {
    expect(errors('set-option LDAP_OPT_X_TLS_REQUIRE_CERT never\n')).toEqual(['1:insecure-option']);
    expect(errors('set-option LDAP_OPT_PROTOCOL_VERSION 2\n')).toEqual(['1:invalid-number']);
  });

  it('checks tags like the terminal linter: unknown tags, filters, secrets in names or filters', () => {
    expect(errors('bind "cn=[#NOPE#],dc=x"\n')).toEqual(['1:unknown-tag']);
    expect(errors('bind "cn=[#USERNAME|sh#],dc=x"\n')).toEqual(['1:unknown-filter']);
    expect(errors('bind "cn=[#NEW_PASSWORD#],dc=x"\n')).toEqual(['1:secret-in-ldap-name']);
    expect(errors('bind\nfind "dc=x" (userPassword=[#CURRENT_PASSWORD#])\n')).toEqual(['2:secret-in-ldap-name']);
    expect(parseLdapTemplate('bind "cn=[#NEW_PASSWORD],dc=x"\n', []).diagnostics.map((d) => d.code)).toContain('malformed-tag');
  });

  it('checks DN and filter syntax with tags standing for a value', () => {
    expect(errors('bind "cn=x,dc"\n')).toEqual(['1:invalid-dn']);
    expect(errors('bind\nfind "dc=x" (cn=[#USERNAME#]\n')).toEqual(['2:invalid-filter']);
    expect(errors('bind\nmod-replace 1bad "x"\n'.replace('bind\n', 'bind\nfind "dc=x" (cn=a)\n'))).toEqual(['3:invalid-attribute']);
  });

  it('refuses control characters in any value before anything is sent', () => {
    const parsed = parseLdapTemplate(SEGURA_AD, []);
    for (const bad of ['a\u0000b', 'a\nb', 'a\rb']) {
      expect(() => renderLdapTemplate(parsed.steps, values({ AUTH_USER: 'admin', USERNAME: 'alice', NEW_PASSWORD: bad }))).toThrow(TemplateRenderError);
      expect(() => renderLdapTemplate(parsed.steps, values({ AUTH_USER: 'admin', USERNAME: bad, NEW_PASSWORD: 'x' }))).toThrow(TemplateRenderError);
    }
  });

  it('a tag that is a whole name must be a DN or a name without "="', () => {
    const parsed = parseLdapTemplate('bind "[#USERNAME#]"\n', []);
    expect(renderLdapTemplate(parsed.steps, values({ USERNAME: 'uid=a\\,b,dc=x' })).steps[0]).toMatchObject({ name: 'uid=a\\,b,dc=x' });
    expect(renderLdapTemplate(parsed.steps, values({ USERNAME: 'alice@corp.example.com' })).steps[0]).toMatchObject({ name: 'alice@corp.example.com' });
    expect(() => renderLdapTemplate(parsed.steps, values({ USERNAME: 'uid=a,b' }))).toThrow(/not a distinguished name/);
  });
});

describe('LDAP quoting', () => {
  it('escapes DN values per RFC 4514', () => {
    expect(escapeDnValue('a,b+c=d"e\\f<g>h;i')).toBe('a\\,b\\+c\\=d\\"e\\\\f\\<g\\>h\\;i');
    expect(escapeDnValue('#lead')).toBe('\\#lead');
    expect(escapeDnValue(' lead and trail ')).toBe('\\ lead and trail\\ ');
    expect(escapeDnValue('mid#dle')).toBe('mid#dle');
    expect(isDistinguishedName(`cn=${escapeDnValue(',=+#" \\*() ')},dc=x`)).toBe(true);
  });

  it('escapes filter values per RFC 4515', () => {
    expect(escapeFilterValue('*()\\\u0000x')).toBe('\\2a\\28\\29\\5c\\00x');
  });

  it('turns a DNS domain into its DC= naming context', () => {
    expect(domainToDn('corp.example.com')).toBe('DC=corp,DC=example,DC=com');
    expect(() => domainToDn('a..b')).toThrow();
  });

  it('validates DN syntax', () => {
    for (const good of ['dc=example,dc=org', 'CN=Users,DC=x', 'cn=a\\,b+uid=c,dc=x', '2.5.4.3=x', 'cn=#04024869']) expect(isDistinguishedName(good), good).toBe(true);
    for (const bad of ['', 'dc', 'cn=a,', '=x', 'cn=a"b', 'cn=a\\q']) expect(isDistinguishedName(bad), bad).toBe(false);
  });

  it('encodes the RFC 3062 request value', () => {
    // SEQUENCE { [0] "u", [1] "o", [2] "n" }
    expect(passwordModifyRequest('u', 'o', 'n').toString('hex')).toBe('300980017581016f82016e');
    expect(passwordModifyRequest(null, null, 'n').toString('hex')).toBe('300382016e');
  });
});
