import { randomInt } from 'node:crypto';

/**
 * Randomness for password generation. node:crypto's randomInt draws from the CSPRNG and rejects
 * out-of-range values itself, so it has no modulo bias; everything here is built on it.
 */

/** `count` characters of `alphabet`, each drawn independently (repeats possible). */
export function drawWithRepetition(alphabet: readonly string[], count: number): string[] {
  return Array.from({ length: count }, () => pick(alphabet));
}

/** `count` distinct characters of `alphabet`: the first `count` steps of a Fisher-Yates shuffle. */
export function drawWithoutRepetition(alphabet: readonly string[], count: number): string[] {
  if (count > alphabet.length) throw new Error(`Cannot draw ${count} distinct characters from ${alphabet.length}`);
  const pool = [...alphabet];
  for (let i = 0; i < count; i++) swap(pool, i, randomInt(i, pool.length));
  return pool.slice(0, count);
}

/** Fisher-Yates: every order equally likely. */
export function shuffle<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) swap(out, i, randomInt(0, i + 1));
  return out;
}

function pick(alphabet: readonly string[]): string {
  const value = alphabet[randomInt(0, alphabet.length)];
  if (value === undefined) throw new Error('Cannot draw from an empty alphabet');
  return value;
}

function swap<T>(items: T[], a: number, b: number): void {
  const first = items[a] as T;
  items[a] = items[b] as T;
  items[b] = first;
}
