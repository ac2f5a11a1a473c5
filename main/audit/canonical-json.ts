import type { JsonValue } from './json-value';

/**
 * JSON with object keys sorted (by UTF-16 code units) and no whitespace, so that the same value
 * always hashes the same. Rejects values JSON cannot represent faithfully.
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Audit details cannot hold ${value}: use a finite number or a string.`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item: JsonValue) => canonicalJson(item)).join(',')}]`;
  if (typeof value !== 'object') {
    throw new Error(`Audit details must be plain JSON; got a ${typeof value}.`);
  }
  const record = value as { readonly [key: string]: JsonValue };
  const keys = Object.keys(record).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key] ?? null)}`).join(',')}}`;
}
