import { openBenchCore } from './bench-core';

/**
 * The main-side share of a search: 'credential.query' (first page of 200, with its capped total, as
 * the grid asks) through the router, in-process, for each prefix the page benchmark types.
 * Separates main's query time from the renderer's and the socket's. Also makes the bench user land
 * on the Dashboard after signing in (their own preference), so that every measured visit to
 * Credentials starts from empty stores instead of the landing view's.
 */
export async function timeQueries(dataDir: string, username: string, passphrase: string, searches: readonly string[]): Promise<number[]> {
  const { core, call } = openBenchCore(dataDir);
  try {
    await call('session.unlock', { username, passphrase });
    await call('preferences.set', { landingView: 'dashboard' });
    const times: number[] = [];
    for (const search of searches) {
      const started = performance.now();
      await call('credential.query', { search, offset: 0, limit: 200, count: 'capped' });
      times.push(performance.now() - started);
    }
    return times;
  } finally {
    await core.close();
  }
}
