import type { Kysely } from 'kysely';
import { OPERATION_STATES, type OperationStateName } from '../../shared/contract/operation-channels';
import type { DashboardDay, DashboardDevice } from '../../shared/contract/dashboard-channels';
import type { VaultDatabase } from '../vault/database/vault-schema';

const DAY_MS = 86_400_000;
const TOP_DEVICES = 10;

/** Midnight UTC of the first day of a window of `days` days ending today. */
export function windowStart(asOf: Date, days: number): Date {
  const today = Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth(), asOf.getUTCDate());
  return new Date(today - (days - 1) * DAY_MS);
}

function zeroCounts(): Record<OperationStateName, number> {
  return Object.fromEntries(OPERATION_STATES.map((state) => [state, 0])) as Record<OperationStateName, number>;
}

/** Operations by state on each day they were scheduled for, every day of the window present. */
export async function operationsPerDay(db: Kysely<VaultDatabase>, asOf: Date, days: number): Promise<DashboardDay[]> {
  const start = windowStart(asOf, days);
  const end = new Date(start.getTime() + days * DAY_MS);
  const rows = await db
    .selectFrom('operations')
    .select((eb) => [eb.fn<string>('substr', ['scheduled_at', eb.val(1), eb.val(10)]).as('day'), 'state', eb.fn.countAll<number>().as('n')])
    .where('scheduled_at', '>=', start.toISOString())
    .where('scheduled_at', '<', end.toISOString())
    .groupBy(['day', 'state'])
    .execute();
  const result: DashboardDay[] = [];
  for (let i = 0; i < days; i += 1) {
    const day = new Date(start.getTime() + i * DAY_MS).toISOString().slice(0, 10);
    const counts = zeroCounts();
    for (const row of rows) if (row.day === day) counts[row.state] = Number(row.n);
    result.push({ day, counts, link: { view: 'operations', filter: { scheduledFrom: `${day}T00:00:00.000Z`, scheduledTo: `${day}T23:59:59.999Z` } } });
  }
  return result;
}

/** The devices whose attempts failed most (error or unverified) within the window. */
export async function topFailingDevices(db: Kysely<VaultDatabase>, asOf: Date, days: number): Promise<DashboardDevice[]> {
  const rows = await db
    .selectFrom('attempts as a')
    .innerJoin('operations as o', 'o.id', 'a.operation_id')
    .innerJoin('devices as d', 'd.id', 'o.device_id')
    .select((eb) => ['d.id', 'd.hostname', 'd.ip', eb.fn.countAll<number>().as('failed')])
    .where('a.outcome', 'in', ['error', 'unverified'])
    .where('a.started_at', '>=', windowStart(asOf, days).toISOString())
    .groupBy(['d.id', 'd.hostname', 'd.ip'])
    .orderBy('failed', 'desc')
    .orderBy('d.hostname')
    .limit(TOP_DEVICES)
    .execute();
  return rows.map((row) => ({
    deviceId: row.id,
    hostname: row.hostname,
    ip: row.ip,
    failedAttempts: Number(row.failed),
    link: { view: 'operations', filter: { device: row.hostname, states: ['Error', 'Unverified'] } },
  }));
}
