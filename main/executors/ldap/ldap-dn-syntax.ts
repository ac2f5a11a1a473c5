/**
 * Whether a string is a distinguished name in the RFC 4514 string form: RDNs separated by `,`,
 * each one or more `type=value` joined by `+`; a type is a name (cn, sAMAccountName) or an OID; a
 * value is `#` and hex (BER), or text where `"` `+` `,` `;` `<` `>` `\` are escaped with `\`.
 * Only the syntax is checked: which entries exist is the directory's business.
 */
export function isDistinguishedName(dn: string): boolean {
  if (dn.trim() === '') return false;
  let i = 0;
  const n = dn.length;
  const skipSpaces = (): void => {
    while (i < n && dn[i] === ' ') i += 1;
  };
  for (;;) {
    skipSpaces();
    const typeStart = i;
    while (i < n && /[A-Za-z0-9.-]/.test(dn.charAt(i))) i += 1;
    const type = dn.slice(typeStart, i);
    if (!/^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)*)$/.test(type)) return false;
    skipSpaces();
    if (dn[i] !== '=') return false;
    i += 1;
    skipSpaces();
    if (dn[i] === '#') {
      i += 1;
      const hexStart = i;
      while (i < n && /[0-9A-Fa-f]/.test(dn.charAt(i))) i += 1;
      if (i === hexStart || (i - hexStart) % 2 !== 0) return false;
    } else {
      while (i < n && dn[i] !== ',' && dn[i] !== '+') {
        const ch = dn.charAt(i);
        if (ch === '\\') {
          const next = dn.charAt(i + 1);
          if (/[0-9A-Fa-f]/.test(next) && /[0-9A-Fa-f]/.test(dn.charAt(i + 2))) i += 3;
          else if (next !== '' && ' "#+,;<=>\\'.includes(next)) i += 2;
          else return false;
          continue;
        }
        if ('";<>\u0000'.includes(ch)) return false;
        i += 1;
      }
    }
    if (i === n) return true;
    i += 1; // `,` or `+`: another attribute value follows
  }
}
