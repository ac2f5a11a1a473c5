import { useEffect } from 'react';
import type { DashboardSummary } from '../../../shared/contract/dashboard-channels';
import { useBulk } from '../../stores/bulk-store';
import { useDashboard } from '../../stores/dashboard-store';
import { formatTime } from '../operations/operation-labels';
import { useOperationEvents } from '../operations/use-operation-events';
import { FailingDevices } from './failing-devices';
import { FigureCard } from './figure-card';
import { OperationsChart } from './operations-chart';
import { useVaultChanges } from '../../stores/vault-changes';

type CredentialFigure = keyof DashboardSummary['credentials'];

/** Segura's password-change counters, in its order, with what each one counts. */
const COUNTERS: readonly { readonly key: CredentialFigure; readonly label: string; readonly hint: (s: DashboardSummary) => string; readonly tone?: 'danger' | 'warning' }[] = [
  { key: 'total', label: 'Total', hint: () => 'Every credential in the vault.' },
  { key: 'managed', label: 'Managed', hint: () => 'Credentials with automatic change on.' },
  { key: 'notManaged', label: 'Not managed', hint: () => 'Credentials with automatic change off.' },
  { key: 'updated', label: 'Updated', hint: (s) => `Credentials changed within the last ${s.updatedWithinDays} days.` },
  { key: 'expired', label: 'Expired', hint: () => 'Credentials past their expiry date, or whose policy says a change is overdue.', tone: 'warning' },
  { key: 'waiting', label: 'Waiting', hint: () => 'Operations scheduled, awaiting approval or running.' },
  { key: 'error', label: 'Error', hint: () => 'Credentials whose last change ended in Error or Unverified.', tone: 'danger' },
  { key: 'notInSync', label: 'NotInSync', hint: () => 'Credentials a verification found different from the device.', tone: 'danger' },
];

/** The dashboard: counters, the 30-day chart, failing devices and pending approvals; every figure opens its list. */
export function DashboardView() {
  const { summary, loading, error, refresh } = useDashboard();
  // A decision elsewhere moves the pending-approvals figure; the bulk store counts those events.
  const bulkRevision = useBulk((state) => state.revision);

  useEffect(() => {
    void refresh();
  }, [refresh, bulkRevision]);
  useOperationEvents(() => void refresh());
  // Credential counters move with every edit, import or bulk apply, by anyone.
  useVaultChanges(['credential'], () => void refresh());

  return (
    <section className="dashboard-view" aria-labelledby="dashboard-title" aria-busy={loading}>
      <header className="view-header">
        <h1 id="dashboard-title">Dashboard</h1>
        {summary && <span className="muted">As of {formatTime(summary.asOf)}</span>}
        <button type="button" className="secondary" onClick={() => void refresh()} disabled={loading}>
          Refresh
        </button>
      </header>
      {loading && !summary && <progress className="load-progress" aria-label="Loading the dashboard" />}
      {error && (
        <p role="alert" className="form-error">
          {error} Choose Refresh to try again.
        </p>
      )}
      {summary && <DashboardBody summary={summary} />}
    </section>
  );
}

function DashboardBody({ summary }: { readonly summary: DashboardSummary }) {
  return (
    <>
      <section aria-labelledby="counters-title">
        <h2 id="counters-title">Password changes</h2>
        {summary.credentials.total.count === 0 && (
          <p className="empty-note" data-testid="dashboard-empty">
            The vault has no credentials yet: add a device first (Devices, New device), then its credentials in Credentials (New credential), or import a CSV file in Settings, Import and export.
          </p>
        )}
        <ul className="figure-grid">
          {COUNTERS.map((counter) => (
            <FigureCard key={counter.key} label={counter.label} figure={summary.credentials[counter.key]} hint={counter.hint(summary)} tone={counter.tone} testId={`figure-${counter.key}`} />
          ))}
          <FigureCard
            label="Pending approvals"
            figure={summary.pendingApprovals}
            hint="Bulk requests waiting for your decision."
            tone="warning"
            testId="figure-pendingApprovals"
          />
        </ul>
      </section>
      <section className="dashboard-panel" aria-labelledby="chart-title">
        <h2 id="chart-title">Operations by state</h2>
        <OperationsChart days={summary.operationsPerDay} windowDays={summary.windowDays} />
      </section>
      <FailingDevices devices={summary.topFailingDevices} windowDays={summary.windowDays} />
    </>
  );
}
