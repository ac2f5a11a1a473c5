import { z } from 'zod';
import { ERROR_CODES } from '../../shared/errors';

/**
 * A seeded PRNG (mulberry32) and generators of malformed input, so a failing fuzz run reproduces:
 * the seed is printed in every assertion message.
 */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
export const int = (random: Random, max: number): number => Math.floor(random() * max);

const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'id', 'ref', 'username', 'passphrase', 'hostname', 'ip', 'content', 'tags', 'execution_settings', 'format', 'csvText', 'token', 'code', 'credentialIds', 'runner', 'siem', ''];
const STRINGS = ['', ' ', 'null', 'undefined', 'NaN', '0', '-1', '1e309', '__proto__', '{}', '[]', "'; DROP TABLE credentials; --", '%s%n', '\u0000', '\u001b[2J', '\ud800', '😀', '../../etc/passwd', 'admin', 'https://www.gmail.com', '999.1.1.1'];

/** A random string: short junk, control characters, unpaired surrogates, or (rarely) a huge one. */
export function junkString(random: Random): string {
  const roll = random();
  if (roll < 0.4) return pick(random, STRINGS);
  if (roll < 0.97) return Array.from({ length: int(random, 40) }, () => String.fromCharCode(int(random, random() < 0.8 ? 0x80 : 0xffff))).join('');
  return pick(random, ['x', '\u0000', 'é', '日']).repeat(100_000 + int(random, 900_000));
}

/** Nesting deep enough to break a naive recursive walker. */
export function deepValue(random: Random): unknown {
  const depth = 1_000 + int(random, 9_000);
  let value: unknown = junkString(random);
  for (let i = 0; i < depth; i += 1) value = random() < 0.5 ? [value] : { [pick(random, KEYS)]: value };
  return value;
}

/** Any JSON-able value, biased towards objects with dangerous keys. */
export function junkValue(random: Random, depth = 0): unknown {
  const roll = random();
  if (depth > 4 || roll < 0.15) return pick(random, [null, true, false, 0, -1, 1.5, Number.MAX_SAFE_INTEGER, -0, 1e308, 2 ** 53 + 1]);
  if (roll < 0.35) return junkString(random);
  if (roll < 0.45) return Array.from({ length: int(random, 5) }, () => junkValue(random, depth + 1));
  if (roll < 0.47) return deepValue(random);
  if (roll < 0.49) return Array.from({ length: 50_000 }, (_, i) => i);
  const object: Record<string, unknown> = {};
  for (let i = int(random, 6); i >= 0; i -= 1) {
    // defineProperty makes "__proto__" an own key, as JSON.parse would.
    Object.defineProperty(object, pick(random, KEYS), { value: junkValue(random, depth + 1), enumerable: true, configurable: true, writable: true });
  }
  return object;
}

/** What every answer must be: shared/result.ts's Result with a known error code. */
export const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }).strict(),
  z.object({ ok: z.literal(false), error: z.object({ code: z.enum(ERROR_CODES), message: z.string().min(1), details: z.record(z.string(), z.unknown()).optional() }).strict() }).strict(),
]);

/** Object.prototype's own keys and a probe, to prove nothing was polluted. */
export function prototypeSnapshot(): string {
  return JSON.stringify([Object.getOwnPropertyNames(Object.prototype).sort(), Object.getOwnPropertyNames(Array.prototype).sort(), ({} as Record<string, unknown>)['polluted'], ({} as Record<string, unknown>)['isAdmin']]);
}
