/**
 * Escapes a value so that a RegExp matches it literally (a tag's value inside expect-regex). Only
 * syntax characters and `/` are escaped, because those are the escapes the `u` and `v` flags accept.
 */
export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
