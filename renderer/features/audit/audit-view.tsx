import { useEffect, useState } from 'react';
import type { AuditExportFormat, AuditListEntry } from '../../../shared/contract/audit';
import { api } from '../../api/api';
import { EMPTY_AUDIT_FILTER, toAuditFilter, useAudit } from '../../stores/audit-store';
import { useNavigation } from '../../stores/navigation-store';
import { useCan } from '../../stores/session-store';
import { CredentialDetailsDialog } from '../credentials/credential-details-dialog';
import { ExportNotice } from '../import-export/export-notice';
import { useExport } from '../import-export/use-export';
import { AuditDetailsPane } from './audit-details-pane';
import { AuditFilters } from './audit-filters';
import { AuditTable } from './audit-table';
import { ChainBanner } from './chain-banner';
import { useVaultChanges } from '../../stores/vault-changes';

/** The append-only trail: filters, the chain's integrity, a page of entries and the exports. */
export function AuditView() {
  const canRead = useCan('audit.read');
  if (!canRead) {
    return (
      <section aria-labelledby="audit-title">
        <h1 id="audit-title">Audit</h1>
        <p className="empty-state">Only administrators and auditors can read the audit trail. Ask one of them for an export.</p>
      </section>
    );
  }
  return <AuditTrail />;
}

function AuditTrail() {
  const { filter, page, entries, hasOlder, loading, error, setFilter, older, newer, refresh, verify } = useAudit();
  const exporter = useExport();
  const [chosen, setChosen] = useState<AuditListEntry | undefined>(undefined);
  const [credential, setCredential] = useState<{ readonly id: number; readonly identifier: string } | undefined>(undefined);
  const openCredential = (id: number, identifier: string) => setCredential({ id, identifier });

  useEffect(() => {
    void refresh();
    void verify();
  }, [refresh, verify]);
  // New entries appear as they are written, by anyone (main tells only roles that read the trail).
  useVaultChanges(['audit'], () => void refresh());

  function exportAs(format: AuditExportFormat) {
    void exporter.run('audit entries', () => api().call('audit.export', { format, filters: toAuditFilter(filter) }));
  }

  const filtered = JSON.stringify(filter) !== JSON.stringify(EMPTY_AUDIT_FILTER);
  return (
    <section className="audit-view" aria-labelledby="audit-title" aria-busy={loading}>
      <header className="view-header">
        <h1 id="audit-title">Audit</h1>
        <span className="spacer" />
        <button type="button" className="secondary" onClick={() => exportAs('csv')} disabled={exporter.busy !== undefined} title="The entries matching the filters, oldest first, with their hashes">
          Export CSV
        </button>
        <button type="button" className="secondary" onClick={() => exportAs('json')} disabled={exporter.busy !== undefined} title="The entries matching the filters, oldest first, with their hashes">
          Export JSON
        </button>
      </header>
      <ChainBanner />
      <ExportNotice busy={exporter.busy} notice={exporter.notice} />
      <AuditFilters filter={filter} onApply={setFilter} />
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {loading && <progress className="load-progress" aria-label="Loading audit entries" />}
      {entries !== undefined && entries.length === 0 && (
        <p className="empty-note" data-testid="audit-empty">
          {filtered ? 'No entry matches these filters. Widen the dates, use an action prefix such as "credential.", or choose Clear filters.' : 'The trail is empty: every action taken in this vault will be recorded here.'}
        </p>
      )}
      {entries !== undefined && entries.length > 0 && (
        <>
          <div className={chosen ? 'audit-body with-pane' : 'audit-body'}>
            <AuditTable entries={entries} chosenId={chosen?.id} onChoose={setChosen} onOpenCredential={openCredential} />
            {chosen && <AuditDetailsPane entry={chosen} onOpenCredential={openCredential} onClose={() => setChosen(undefined)} />}
          </div>
          <nav className="pager" aria-label="Pages of audit entries">
            <button type="button" className="secondary" disabled={page === 0} onClick={newer} aria-label="Newer audit entries">
              Newer
            </button>
            <span className="muted">{`Page ${page + 1}: entries ${entries[0]?.id ?? ''}–${entries[entries.length - 1]?.id ?? ''}`}</span>
            <button type="button" className="secondary" disabled={!hasOlder} onClick={older} aria-label="Older audit entries">
              Older
            </button>
          </nav>
        </>
      )}
      {credential && <CredentialDetailsDialog id={credential.id} title={`Credential ${credential.identifier}`} revealOnOpen={false} onEdit={() => useNavigation.getState().go('credentials')} onClose={() => setCredential(undefined)} />}
    </section>
  );
}
