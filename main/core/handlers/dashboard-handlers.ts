import { dashboardSummary } from '../../dashboard/dashboard-summary';
import type { Handlers } from '../../ipc/handlers';
import type { VaultSessions } from '../../session/vault-sessions';
import type { SettingsStore } from '../../settings/settings-store';
import { requireSession } from './require-session';

export function dashboardHandlers(sessions: VaultSessions, now: () => Date, settings: SettingsStore): Pick<Handlers, 'dashboard.summary'> {
  return {
    'dashboard.summary': (request, context) =>
      dashboardSummary(sessions.vault().database.db, requireSession(context), { asOf: now(), updatedWithinDays: request.updatedWithinDays, windowDays: request.windowDays, approvalExpiryHours: settings.read().bulkApprovalExpiryHours }),
  };
}
