import { z } from 'zod';
import type { Criticality } from '../domain/credential-settings';
import { channel, typed } from './channel-spec';
import type { OperationView } from './operation-channels';

/** An operation Awaiting approval as the Approvals view lists it. */
export interface OperationApprovalView extends OperationView {
  readonly criticality: Criticality | null;
  /** When it was requested, and when it expires undecided (the approval expiry setting). */
  readonly requestedAt: string;
  readonly expiresAt: string;
  /** The signed-in user requested it: they may cancel it, never decide it (four eyes). */
  readonly ownRequest: boolean;
}

/** What awaits this user's decision, both kinds; the badge and the dashboard show `awaitingDecision`. */
export interface PendingApprovalCount {
  readonly awaitingDecision: number;
  readonly bulk: number;
  readonly operations: number;
  /** This user's own bulk requests still pending. */
  readonly mine: number;
}

const nothingAsked = z.object({}).strict();

export const approvalChannels = {
  'operation.pendingApprovals': channel({ request: nothingAsked, response: typed<{ readonly rows: readonly OperationApprovalView[] }>(), requires: 'operation.read' }),
  'approvals.pendingCount': channel({ request: nothingAsked, response: typed<PendingApprovalCount>(), requires: 'vault.read' }),
} as const;
