import { WAITING_STATES } from '../../shared/domain/operation-rules';
import { sql, type Kysely } from 'kysely';
import type { DashboardSummary } from '../../shared/contract/dashboard-channels';
import { changedSince, expiredAsOf, lastChangeFailed } from '../credentials/change-state-predicates';
import { isLive } from '../lifecycle/archived';
import type { VaultDatabase } from '../vault/database/vault-schema';

export { WAITING_STATES };

/** The counters in one pass over credentials (each a SUM of its predicate), plus the waiting operations. */
export async function credentialCounters(db: Kysely<VaultDatabase>, asOf: Date, updatedWithinDays: number): Promise<DashboardSummary['credentials']> {
  const now = asOf.toISOString();
  const since = new Date(asOf.getTime() - updatedWithinDays * 86_400_000).toISOString();
  const counts = await db
    .selectFrom('credentials as c')
    .select([
      sql<number>`count(*)`.as('total'),
      sql<number>`coalesce(sum(c.automatic_change = 1), 0)`.as('managed'),
      sql<number>`coalesce(sum(${changedSince(since)}), 0)`.as('updated'),
      sql<number>`coalesce(sum(${expiredAsOf(now)}), 0)`.as('expired'),
      sql<number>`coalesce(sum(${lastChangeFailed()}), 0)`.as('error'),
      sql<number>`coalesce(sum(c.in_sync = 'NotInSync'), 0)`.as('notInSync'),
    ])
    // Archived credentials are out of every count, as they are out of the grid each figure opens.
    .where(isLive('c.archived_at'))
    .executeTakeFirstOrThrow();
  const waiting = await db
    .selectFrom('operations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', 'in', WAITING_STATES)
    .executeTakeFirstOrThrow();
  const total = Number(counts.total);
  const managed = Number(counts.managed);
  return {
    total: { count: total, link: { view: 'credentials', filter: {} } },
    managed: { count: managed, link: { view: 'credentials', filter: { automatic_change: true } } },
    notManaged: { count: total - managed, link: { view: 'credentials', filter: { automatic_change: false } } },
    updated: { count: Number(counts.updated), link: { view: 'credentials', filter: { changed_since: since } } },
    expired: { count: Number(counts.expired), link: { view: 'credentials', filter: { expired_as_of: now } } },
    waiting: { count: Number(waiting.n), link: { view: 'operations', filter: { states: [...WAITING_STATES] } } },
    error: { count: Number(counts.error), link: { view: 'credentials', filter: { last_change_failed: true } } },
    notInSync: { count: Number(counts.notInSync), link: { view: 'credentials', filter: { in_sync: ['NotInSync'] } } },
  };
}
