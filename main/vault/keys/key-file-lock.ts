import { resolve } from 'node:path';

const tails = new Map<string, Promise<unknown>>();

/**
 * Serialises read-modify-write cycles on one key file within this process, so that parallel
 * unlock attempts cannot all read a zero failure count and slip past the throttle.
 */
export async function withKeyFileLock<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  const key = resolve(dataDir);
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(work, work);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  try {
    return await run;
  } finally {
    if (tails.get(key) === tail) tails.delete(key);
  }
}
