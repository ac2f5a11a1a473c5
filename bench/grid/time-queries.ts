import { createCore } from '../../main/core/create-core';
import { silentLogger } from '../../main/logging/logger';

/**
 * The main-side share of a search: 'credential.query' (first page of 200, with its capped total, as
 * the grid asks) through the router, in-process, for each prefix the page benchmark types.
 * Separates main's query time from the renderer's and the socket's.
 */
export async function timeQueries(dataDir: string, username: string, passphrase: string, searches: readonly string[]): Promise<number[]> {
  const core = createCore({ dataDir, shell: 'cli', isTrustedSender: (sender) => sender.kind === 'cli', logger: silentLogger });
  try {
    const unlocked = await core.router.handle({ kind: 'cli' }, 'session.unlock', { username, passphrase });
    if (!unlocked.ok) throw new Error(`unlock failed: ${unlocked.error.message}`);
    const times: number[] = [];
    for (const search of searches) {
      const started = performance.now();
      const result = await core.router.handle({ kind: 'cli' }, 'credential.query', { search, offset: 0, limit: 200, count: 'capped' });
      times.push(performance.now() - started);
      if (!result.ok) throw new Error(`query "${search}" failed: ${result.error.message}`);
    }
    return times;
  } finally {
    await core.close();
  }
}
