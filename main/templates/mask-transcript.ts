import { escapeRegExp } from './regex-escape';
import { secretForms } from './secret-forms';

export const SECRET_MASK = '********';

/**
 * Replaces every occurrence of every secret (in each of its forms, see secretForms) with a fixed
 * mask, so the mask says nothing about the length. One pass over an alternation sorted longest
 * first: at each position the longest secret wins, so a secret that contains another is masked
 * whole, and text already masked is never re-scanned. Mask whole buffers, not arriving chunks: a
 * secret split across two chunks would slip through.
 */
export function maskTranscript(text: string, secrets: readonly string[]): string {
  const forms = [...new Set(secrets.flatMap(secretForms))].sort((a, b) => b.length - a.length);
  if (forms.length === 0) return text;
  return text.replace(new RegExp(forms.map(escapeRegExp).join('|'), 'g'), SECRET_MASK);
}
