import type { Kysely } from 'kysely';
import type { DashboardSummary } from '../../shared/contract/dashboard-channels';
import { pendingApprovalCount } from '../approvals/pending-approvals';
import type { Session } from '../ipc/session';
import type { VaultDatabase } from '../vault/database/vault-schema';
import { credentialCounters } from './credential-counters';
import { operationsPerDay, topFailingDevices } from './operation-trends';

export interface DashboardOptions {
  readonly asOf: Date;
  readonly updatedWithinDays: number;
  readonly windowDays: number;
  readonly approvalExpiryHours: number;
}

/** Everything the dashboard shows, each figure with the link that lists what it counted. */
export async function dashboardSummary(db: Kysely<VaultDatabase>, session: Session, options: DashboardOptions): Promise<DashboardSummary> {
  const { asOf, updatedWithinDays, windowDays } = options;
  const pending = await pendingApprovalCount(db, session, { now: asOf, expiryHours: options.approvalExpiryHours });
  return {
    asOf: asOf.toISOString(),
    windowDays,
    updatedWithinDays,
    credentials: await credentialCounters(db, asOf, updatedWithinDays),
    operationsPerDay: await operationsPerDay(db, asOf, windowDays),
    topFailingDevices: await topFailingDevices(db, asOf, windowDays),
    pendingApprovals: { count: pending.awaitingDecision, link: { view: 'approvals', filter: { states: ['Pending approval'] } } },
  };
}
