/**
 * How read / expect / expect-regex / no-expect patterns become regular expressions. Matching is a
 * search anywhere in the output since the last match (never anchored), so the usual leading "*"
 * of Segura templates ("*password:") changes nothing, and a pattern without it behaves the same.
 */

/** read: the literal text. */
export function literalPattern(text: string): RegExp {
  return new RegExp(escapeRegExp(text));
}

/** expect / no-expect: `*` matches any run of characters, line breaks included; all else is literal. */
export function wildcardPattern(pattern: string): RegExp {
  return new RegExp(pattern.split('*').map(escapeRegExp).join('[\\s\\S]*?'));
}

/**
 * expect-regex: the template's own regex. "g" and "y" are dropped: they make RegExp stateful
 * (lastIndex) and a search needs neither. Throws SyntaxError on an invalid regex.
 */
export function templateRegExp(source: string, flags: string): RegExp {
  return new RegExp(source, flags.replace(/[gy]/g, ''));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
