import { useState } from 'react';
import { useDevices } from '../../stores/devices-store';
import { useCan } from '../../stores/session-store';
import { RegisterDomainDialog } from './register-domain-dialog';

/** Registered domains: the only names a device (and seed 004's device_domain) may use. */
export function DomainsSection() {
  const domains = useDevices((s) => s.domains);
  const loadDomains = useDevices((s) => s.loadDomains);
  const canRegister = useCan('domain.write');
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | undefined>(undefined);

  return (
    <section aria-labelledby="domains-title" className="domains-section">
      <header className="view-header">
        <h2 id="domains-title">Domains</h2>
        {canRegister && (
          <button type="button" className="secondary" onClick={() => setOpen(true)}>
            Register domain
          </button>
        )}
      </header>
      {notice && <p role="status">{notice}</p>}
      {domains === undefined ? (
        <p className="muted">Loading domains…</p>
      ) : domains.length === 0 ? (
        <p className="muted">No domains registered yet.{canRegister ? ' Register one so devices can use it.' : ' An administrator registers them.'}</p>
      ) : (
        <ul className="domain-list" aria-label="Registered domains">
          {domains.map((d) => (
            <li key={d.id}>
              <strong>{d.name}</strong>
              {d.description && <span className="muted"> — {d.description}</span>}
            </li>
          ))}
        </ul>
      )}
      {open && (
        <RegisterDomainDialog
          onClose={() => setOpen(false)}
          onRegistered={(name) => {
            setOpen(false);
            setNotice(`Domain ${name} registered.`);
            void loadDomains();
          }}
        />
      )}
    </section>
  );
}
