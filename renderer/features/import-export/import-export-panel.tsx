import { useState } from 'react';
import { api } from '../../api/api';
import { useCredentials } from '../../stores/credentials-store';
import { useCan } from '../../stores/session-store';
import { ExportNotice } from './export-notice';
import { ImportDialog } from './import-dialog';
import { useExport } from './use-export';

/** Import credentials from CSV, and download the credentials, operations and attempts reports. */
export function ImportExportPanel() {
  // An import creates the devices its rows name, so it needs both permissions (main checks both).
  const canWriteCredentials = useCan('credential.write');
  const canWriteDevices = useCan('device.write');
  const canImport = canWriteCredentials && canWriteDevices;
  const canReadVault = useCan('vault.read');
  const canReadOperations = useCan('operation.read');
  const exporter = useExport();
  const [importing, setImporting] = useState(false);
  const busy = exporter.busy !== undefined;

  return (
    <section className="form-section import-export" aria-labelledby="import-export-title">
      <h2 id="import-export-title">Import and export</h2>
      <p className="muted">Exports are CSV reports without any secret: passwords, keys and PINs never leave the vault this way.</p>
      <div className="button-row">
        {canImport && (
          <button type="button" className="primary" onClick={() => setImporting(true)}>
            Import credentials…
          </button>
        )}
        {canReadVault && (
          <button type="button" className="secondary" disabled={busy} onClick={() => void exporter.run('credentials', () => api().call('export.credentials', { format: 'csv' }))}>
            Export credentials (CSV)
          </button>
        )}
        {canReadOperations && (
          <>
            <button type="button" className="secondary" disabled={busy} onClick={() => void exporter.run('operations', () => api().call('export.operations', { format: 'csv' }))}>
              Export operations (CSV)
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => void exporter.run('attempts', () => api().call('export.attempts', { format: 'csv' }))}>
              Export attempts (CSV)
            </button>
          </>
        )}
      </div>
      {!canImport && <p className="muted">Importing needs an administrator: an import also creates the devices its rows name.</p>}
      <ExportNotice busy={exporter.busy} notice={exporter.notice} />
      {importing && (
        <ImportDialog
          onClose={() => setImporting(false)}
          onImported={() => {
            // The grid and its facets show the new credentials the next time they are opened.
            useCredentials.getState().invalidate();
            void useCredentials.getState().loadFacets();
          }}
        />
      )}
    </section>
  );
}
