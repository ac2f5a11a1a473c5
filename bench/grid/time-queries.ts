import { CREDENTIAL_SORT_COLUMNS, type CredentialSortColumn } from '../../shared/domain/credential-grid-query';
import { openBenchCore } from './bench-core';

/**
 * The main-side share of a search: 'credential.query' (first page of 200, with its capped total, as
 * the grid asks) through the router, in-process, for each prefix the page benchmark types.
 * Separates main's query time from the renderer's and the socket's. Then the first page sorted by
 * every sortable column, each direction: the page measures only the default visible ones, and an
 * operator can show any column (type, vendor, model among them). Also makes the bench user land
 * on the Dashboard after signing in (their own preference), so that every measured visit to
 * Credentials starts from empty stores instead of the landing view's.
 */
export interface SortTime {
  readonly column: CredentialSortColumn;
  readonly asc: number;
  readonly desc: number;
}

export async function timeQueries(dataDir: string, username: string, passphrase: string, searches: readonly string[]): Promise<{ searches: number[]; sorts: SortTime[] }> {
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
    const sorts: SortTime[] = [];
    for (const column of CREDENTIAL_SORT_COLUMNS) {
      const timed = async (direction: 'asc' | 'desc') => {
        const started = performance.now();
        await call('credential.query', { sort: { column, direction }, offset: 0, limit: 200, count: 'capped' });
        return performance.now() - started;
      };
      sorts.push({ column, asc: await timed('asc'), desc: await timed('desc') });
    }
    return { searches: times, sorts };
  } finally {
    await core.close();
  }
}
