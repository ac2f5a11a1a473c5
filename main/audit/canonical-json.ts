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
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) out += `${i === 0 ? '' : ','}${canonicalJson((value[i] as JsonValue | undefined) ?? null)}`;
    return `${out}]`;
  }
  if (typeof value !== 'object') {
    throw new Error(`Audit details must be plain JSON; got a ${typeof value}.`);
  }
  const record = value as { readonly [key: string]: JsonValue };
  const keys = Object.keys(record).sort();
  // Concatenated rather than mapped and joined: an import hashes 100,000 of these.
  let out = '{';
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i] as string;
    out += `${i === 0 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(record[key] ?? null)}`;
  }
  return `${out}}`;
}
