import { escapeRegExp } from './regex-escape';
import { shellQuote } from './shell-quote';

/**
 * The spellings in which a secret can reach a transcript or a dry run: as typed, shell-quoted
 * (|sh), its quote-escaped body, and regex-escaped (a tag inside expect-regex).
 */
export function secretForms(secret: string): readonly string[] {
  if (secret === '') return [];
  return [...new Set([secret, shellQuote(secret), secret.replaceAll("'", `'\\''`), escapeRegExp(secret)])];
}
