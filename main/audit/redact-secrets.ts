import type { JsonValue } from './json-value';

export const REDACTED = '[redacted]';

// Whole-word tokens (after splitting camelCase / snake_case / kebab-case): short words like "pin"
// only match as a word, so "shipping" or "mapping" are left alone.
const SECRET_TOKENS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'secret', 'secrets', 'content', 'pin', 'totp', 'otp']);
// Distinctive enough to match inside a longer key ("oldpassword", "privatekeypem").
const SECRET_SUBSTRINGS = ['password', 'passphrase', 'secret', 'privatekey', 'totp'];

// The same few dozen keys recur in every entry (a credential view's fields): decide each once.
const decided = new Map<string, boolean>();
const DECIDED_MAX = 10_000;

export function isSecretKey(key: string): boolean {
  const known = decided.get(key);
  if (known !== undefined) return known;
  const secret = decideSecretKey(key);
  if (decided.size < DECIDED_MAX) decided.set(key, secret);
  return secret;
}

function decideSecretKey(key: string): boolean {
  const tokens = key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((token) => token !== '');
  if (tokens.some((token) => SECRET_TOKENS.has(token))) return true;
  const squashed = tokens.join('');
  return SECRET_SUBSTRINGS.some((word) => squashed.includes(word));
}

/**
 * Defensive scrub of audit details. Callers must never pass secrets; this catches the mistake of
 * passing a whole row or form (e.g. before/after of a credential) so that it never reaches disk.
 */
export function redactSecrets(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map((item: JsonValue) => redactSecrets(item));
  if (value !== null && typeof value === 'object') {
    const record = value as { readonly [key: string]: JsonValue };
    const out: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(record)) {
      out[key] = isSecretKey(key) && item !== null ? REDACTED : redactSecrets(item);
    }
    return out;
  }
  return value;
}
