import { z } from 'zod';
import type { CredentialGridQuery } from '../domain/credential-grid-query';
import { channel, typed } from './channel-spec';
import type { OperationFilter, OperationStateName } from './operation-channels';

/** Where a figure leads: the view to open and the filter that lists exactly what was counted. */
export type DashboardLink =
  | { readonly view: 'credentials'; readonly filter: NonNullable<CredentialGridQuery['filters']> }
  | { readonly view: 'operations'; readonly filter: Omit<OperationFilter, 'offset' | 'limit'> }
  | { readonly view: 'approvals'; readonly filter: { readonly states: readonly ['Pending approval'] } };

export interface DashboardFigure {
  readonly count: number;
  readonly link: DashboardLink;
}

export interface DashboardDay {
  /** YYYY-MM-DD in UTC; operations are counted on the day they were scheduled for. */
  readonly day: string;
  readonly counts: Readonly<Record<OperationStateName, number>>;
  readonly link: DashboardLink;
}

export interface DashboardDevice {
  readonly deviceId: number;
  readonly hostname: string;
  readonly ip: string;
  /** Attempts that ended error or unverified within the window. */
  readonly failedAttempts: number;
  readonly link: DashboardLink;
}

/**
 * Segura's password-change counters and their companions. Definitions:
 * - total: every credential; managed: automatic change on; notManaged: the rest.
 * - updated: changed within the last `updatedWithinDays` days.
 * - expired: its expiry date passed, or its policy's next change time passed (change is overdue).
 * - waiting: operations Scheduled, AwaitingApproval or Running.
 * - error: credentials whose last change operation with a result ended Error or Unverified.
 * - notInSync: credentials a verification found NotInSync.
 */
export interface DashboardSummary {
  readonly asOf: string;
  readonly windowDays: number;
  readonly updatedWithinDays: number;
  readonly credentials: {
    readonly total: DashboardFigure;
    readonly managed: DashboardFigure;
    readonly notManaged: DashboardFigure;
    readonly updated: DashboardFigure;
    readonly expired: DashboardFigure;
    readonly waiting: DashboardFigure;
    readonly error: DashboardFigure;
    readonly notInSync: DashboardFigure;
  };
  /** Oldest first, one entry per day of the window, days without operations included. */
  readonly operationsPerDay: readonly DashboardDay[];
  /** At most 10, most failed attempts first, within the window. */
  readonly topFailingDevices: readonly DashboardDevice[];
  /** Bulk requests and operations waiting for this user's decision (approvals.pendingCount). */
  readonly pendingApprovals: DashboardFigure;
}

export const dashboardRequestSchema = z
  .object({
    updatedWithinDays: z.number().int().min(1).max(365).default(30),
    windowDays: z.number().int().min(1).max(90).default(30),
  })
  .strict();

export const dashboardChannels = {
  'dashboard.summary': channel({ request: dashboardRequestSchema, response: typed<DashboardSummary>(), requires: 'vault.read' }),
} as const;
