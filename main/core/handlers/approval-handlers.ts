import { operationApprovals, pendingApprovalCount } from '../../approvals/pending-approvals';
import type { Handlers } from '../../ipc/handlers';
import type { VaultSessions } from '../../session/vault-sessions';
import type { SettingsStore } from '../../settings/settings-store';
import { requireSession } from './require-session';

/** The Approvals view's operations and the one pending count (badge and dashboard). */
export function approvalHandlers(sessions: VaultSessions, settings: SettingsStore, now: () => Date): Pick<Handlers, 'operation.pendingApprovals' | 'approvals.pendingCount'> {
  const db = () => sessions.vault().database.db;
  const clock = () => ({ now: now(), expiryHours: settings.read().bulkApprovalExpiryHours });
  return {
    'operation.pendingApprovals': async (_request, context) => ({ rows: await operationApprovals(db(), requireSession(context), clock()) }),
    'approvals.pendingCount': (_request, context) => pendingApprovalCount(db(), requireSession(context), clock()),
  };
}
