import { WAITING_STATES } from '../../shared/domain/operation-rules';
import type { Kysely, RawBuilder, SqlBool } from 'kysely';
import type { DashboardSummary } from '../../shared/contract/dashboard-channels';
import { changedSince, expiredAsOf, lastChangeFailedAmongFailures } from '../credentials/change-state-predicates';
import { keptLiveCounts } from '../credentials/credential-facets';
import { asCredentialsDb } from '../credentials/credentials-db';
import { isLive } from '../lifecycle/archived';
import type { VaultDatabase } from '../vault/database/vault-schema';

export { WAITING_STATES };

/**
 * The dashboard's counters. Totals by value (all, managed, not in sync) are the kept facet counts
 * (migration 0020); each time-based figure is its own count through the index of its column, so it
 * reads the credentials it counts, not the vault (one pass over 1,000,000 took 3.5 s of main's
 * thread). The predicates are the ones the grid filters with, so a figure and its list agree.
 */
export async function credentialCounters(db: Kysely<VaultDatabase>, asOf: Date, updatedWithinDays: number): Promise<DashboardSummary['credentials']> {
  const now = asOf.toISOString();
  const since = new Date(asOf.getTime() - updatedWithinDays * 86_400_000).toISOString();
  const liveWhere = async (predicate: RawBuilder<SqlBool>): Promise<number> =>
    Number(
      (
        await db
          .selectFrom('credentials as c')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          // Archived credentials are out of every count, as they are out of the grid each figure opens.
          .where(isLive('c.archived_at'))
          .where(predicate)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const kept = await keptLiveCounts(asCredentialsDb(db));
  const waiting = await db
    .selectFrom('operations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', 'in', WAITING_STATES)
    .executeTakeFirstOrThrow();
  return {
    total: { count: kept.total, link: { view: 'credentials', filter: {} } },
    managed: { count: kept.managed, link: { view: 'credentials', filter: { automatic_change: true } } },
    notManaged: { count: kept.total - kept.managed, link: { view: 'credentials', filter: { automatic_change: false } } },
    updated: { count: await liveWhere(changedSince(since)), link: { view: 'credentials', filter: { changed_since: since } } },
    expired: { count: await liveWhere(expiredAsOf(now)), link: { view: 'credentials', filter: { expired_as_of: now } } },
    waiting: { count: Number(waiting.n), link: { view: 'operations', filter: { states: [...WAITING_STATES] } } },
    error: { count: await liveWhere(lastChangeFailedAmongFailures()), link: { view: 'credentials', filter: { last_change_failed: true } } },
    notInSync: { count: kept.notInSync, link: { view: 'credentials', filter: { in_sync: ['NotInSync'] } } },
  };
}

