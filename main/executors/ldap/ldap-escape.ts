/**
 * Quoting of values placed into LDAP strings, so that a value (a username, a domain) stays one
 * value whatever characters it holds: `*` cannot widen a filter, `)(` cannot add a clause, `,` or
 * `+` cannot add an RDN.
 */

/**
 * An attribute value inside a distinguished name (RFC 4514 section 2.4): `"` `+` `,` `;` `<` `>`
 * `\` and `=` anywhere, `#` and space at the start, space at the end and NUL are escaped with a
 * backslash (NUL as \00). Other characters, non-ASCII included, are kept as UTF-8 text.
 */
export function escapeDnValue(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i += 1) {
    const ch = value.charAt(i);
    const first = i === 0;
    const last = i === value.length - 1;
    if (ch === '\u0000') out += '\\00';
    else if ('"+,;<>\\='.includes(ch)) out += `\\${ch}`;
    else if (first && (ch === '#' || ch === ' ')) out += `\\${ch}`;
    else if (last && ch === ' ') out += '\\ ';
    else out += ch;
  }
  return out;
}

/**
 * An assertion value inside a search filter (RFC 4515 section 3): `*` `(` `)` `\` and NUL become
 * \2a \28 \29 \5c \00, so the value matches only itself.
 */
export function escapeFilterValue(value: string): string {
  // NUL is one of the characters RFC 4515 makes us escape.
  // eslint-disable-next-line no-control-regex
  return value.replace(/[*()\\\u0000]/g, (ch) => `\\${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * A DNS domain as the DN of its naming context: "corp.example.com" -> "DC=corp,DC=example,DC=com"
 * (how Active Directory and most OpenLDAP directories name their base). Each label is escaped.
 */
export function domainToDn(domain: string): string {
  const labels = domain.trim().replace(/\.$/, '').split('.');
  if (labels.some((label) => label === '')) throw new Error(`"${domain}" is not a DNS domain name (an empty label)`);
  return labels.map((label) => `DC=${escapeDnValue(label)}`).join(',');
}
