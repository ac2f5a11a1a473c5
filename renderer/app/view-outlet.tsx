import { useSession } from '../stores/session-store';
import { canUseView, landingViewFor, type ViewId } from './views';
import { PlaceholderView } from './placeholder-view';
import { ApprovalsView } from '../features/approvals/approvals-view';
import { AuditView } from '../features/audit/audit-view';
import { BulkOperationsView } from '../features/bulk/bulk-operations-view';
import { CredentialsView } from '../features/credentials/credentials-view';
import { DashboardView } from '../features/dashboard/dashboard-view';
import { DevicesView } from '../features/devices/devices-view';
import { AttemptsView } from '../features/operations/attempts-view';
import { OperationsView } from '../features/operations/operations-view';
import { PoliciesView } from '../features/policies/policies-view';
import { SettingsView } from '../features/settings/settings-view';
import { TemplatesView } from '../features/templates/templates-view';
import { UsersView } from '../features/users/users-view';

/**
 * Maps each view to its feature; views whose feature has not landed show their placeholder. A view
 * the signed-in role cannot use (a stale hash, a typed URL) is never opened: its landing view is.
 */
export function ViewOutlet({ view: asked }: { readonly view: ViewId }) {
  const role = useSession((state) => state.session?.role);
  const view = role && !canUseView(role, asked) ? landingViewFor(role) : asked;
  switch (view) {
    case 'dashboard':
      return <DashboardView />;
    case 'credentials':
      return <CredentialsView />;
    case 'devices':
      return <DevicesView />;
    case 'templates':
      return <TemplatesView />;
    case 'policies':
      return <PoliciesView />;
    case 'operations':
      return <OperationsView />;
    case 'attempts':
      return <AttemptsView />;
    case 'bulk':
      return <BulkOperationsView />;
    case 'approvals':
      return <ApprovalsView />;
    case 'audit':
      return <AuditView />;
    case 'settings':
      return <SettingsView />;
    case 'users':
      return <UsersView />;
    default:
      return <PlaceholderView view={view} />;
  }
}
