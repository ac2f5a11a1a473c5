import { parseConnectivityList } from '../../../shared/domain/connectivity-list';
import { cleartextWarning, EXECUTORS } from '../../../shared/domain/executors';

/** Says, as soon as a cleartext protocol (Telnet) is among a device's connectivities, what that means. */
export function TelnetCleartextNote({ connectivities }: { readonly connectivities: string }) {
  const parsed = parseConnectivityList(connectivities);
  if (!parsed.ok) return null;
  const cleartext = EXECUTORS.find((e) => e.cleartext && parsed.connectivities.some((c) => c.protocol.toLowerCase() === e.name.toLowerCase()));
  const warning = cleartext === undefined ? null : cleartextWarning(cleartext);
  return warning === null ? null : (
    <p role="note" className="form-notice-warning">
      {warning}
    </p>
  );
}
