import { dashboardSummary } from '../../dashboard/dashboard-summary';
import type { Handlers } from '../../ipc/handlers';
import type { VaultSessions } from '../../session/vault-sessions';
import { requireSession } from './require-session';

export function dashboardHandlers(sessions: VaultSessions, now: () => Date): Pick<Handlers, 'dashboard.summary'> {
  return {
    'dashboard.summary': (request, context) =>
      dashboardSummary(sessions.vault().database.db, requireSession(context), { asOf: now(), updatedWithinDays: request.updatedWithinDays, windowDays: request.windowDays }),
  };
}
