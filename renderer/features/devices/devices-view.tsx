import { useEffect, useState } from 'react';
import { api } from '../../api/api';
import { formatConnectivityList } from '../../../shared/domain/connectivity-list';
import type { DeviceView } from '../../../shared/domain/device-view';
import { useDevices } from '../../stores/devices-store';
import { useCan } from '../../stores/session-store';
import { DeviceEditor } from './device-editor';
import { ListSection } from '../shared-ui/list-section';
import { DomainsSection } from './domains-section';
import { RecordActions } from '../records/record-actions';
import { ArchivedRecordsSection } from '../records/archived-records-section';
import { MergeDevicesDialog } from './merge-devices-dialog';
import { HostKeyTrustDialog, type TrustedProtocol } from './host-key-trust-dialog';
import { useVaultChanges } from '../../stores/vault-changes';

type Editing = { readonly device: DeviceView | undefined } | undefined;

/** Devices (hosts and network gear) and the registered domains they may belong to. */
export function DevicesView() {
  const { devices, error, loadDevices, loadDomains } = useDevices();
  const canWrite = useCan('device.write');
  const [editing, setEditing] = useState<Editing>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [hostKeyOf, setHostKeyOf] = useState<{ readonly device: DeviceView; readonly protocol: TrustedProtocol } | undefined>(undefined);
  const [merging, setMerging] = useState<DeviceView | undefined>(undefined);
  const [archivedShown, setArchivedShown] = useState(0);
  const done = (message: string) => {
    setNotice(message);
    setArchivedShown((n) => n + 1);
    void loadDevices();
  };

  useEffect(() => {
    void loadDevices();
    void loadDomains();
  }, [loadDevices, loadDomains]);
  useVaultChanges(['device'], () => {
    void loadDevices();
    void loadDomains();
  });

  return (
    <div className="devices-view">
      <section aria-labelledby="devices-title">
        <ListSection
          titleId="devices-title"
          title="Devices"
          action={
            canWrite && (
              <button type="button" className="primary" onClick={() => setEditing({ device: undefined })}>
                New device
              </button>
            )
          }
          error={error}
          notice={notice}
          items={devices}
          loadingText="Loading devices…"
          emptyText={`No devices yet${canWrite ? ': add one with New device, then add its credentials.' : '.'}`}
          headers={['Hostname', 'IP', 'Type', 'Vendor', 'Model', 'Site', 'Domains', 'Tags', 'Connectivities', 'Host key', ...(canWrite ? ['Actions'] : [])]}
          renderRow={(d) => (
            <tr key={d.id}>
              <th scope="row">{d.hostname}</th>
              <td>{d.ip}</td>
              <td>{d.type ?? '—'}</td>
              <td>{d.vendor ?? '—'}</td>
              <td>{d.model ?? '—'}</td>
              <td>{d.site ?? '—'}</td>
              <td>{d.domains.join(', ') || '—'}</td>
              <td>{d.tags.join(', ') || '—'}</td>
              <td>{formatConnectivityList(d.connectivities) || '—'}</td>
              <td>{pinSummary(d)}</td>
              {canWrite && (
                <td>
                  <button type="button" className="link-button" aria-label={`Edit ${d.hostname} (${d.ip})`} onClick={() => setEditing({ device: d })}>
                    Edit
                  </button>
                  <button type="button" className="link-button" aria-label={`Host key of ${d.hostname} (${d.ip})`} onClick={() => setHostKeyOf({ device: d, protocol: 'SSH' })}>
                    Host key
                  </button>
                  {hasLdapService(d) && (
                    <button type="button" className="link-button" aria-label={`Certificate of ${d.hostname} (${d.ip})`} onClick={() => setHostKeyOf({ device: d, protocol: 'LDAP' })}>
                      Certificate
                    </button>
                  )}
                  <button type="button" className="link-button" aria-label={`Merge ${d.hostname} (${d.ip}) into another device`} onClick={() => setMerging(d)}>
                    Merge…
                  </button>
                  <RecordActions kind="device" id={d.id} name={`${d.hostname} (${d.ip})`} archived={false} onDone={done} onError={setNotice} />
                </td>
              )}
            </tr>
          )}
        />
      </section>
      <ArchivedRecordsSection<DeviceView>
        kind="device"
        plural="devices"
        load={() => api().call('device.list', { archived: 'archived' })}
        nameHeader="Hostname"
        nameOf={(d) => `${d.hostname} (${d.ip})`}
        columns={[{ header: 'IP', cell: (d) => d.ip }]}
        refresh={archivedShown}
        onDone={done}
        onError={setNotice}
      />
      <DomainsSection />
      {merging && devices && (
        <MergeDevicesDialog
          merge={merging}
          devices={devices}
          onClose={() => setMerging(undefined)}
          onMerged={(message) => {
            setMerging(undefined);
            done(message);
          }}
        />
      )}
      {hostKeyOf && (
        <HostKeyTrustDialog
          device={hostKeyOf.device}
          protocol={hostKeyOf.protocol}
          onClose={() => setHostKeyOf(undefined)}
          onTrusted={(device) => {
            const protocol = hostKeyOf.protocol;
            setHostKeyOf(undefined);
            setNotice(
              protocol === 'SSH'
                ? `Host key ${device.host_key_fingerprint ?? ''} pinned for ${device.hostname} (${device.ip}).`
                : `${protocol} certificate ${device.certificate_pins[protocol] ?? ''} pinned for ${device.hostname} (${device.ip}).`,
            );
            void loadDevices();
          }}
        />
      )}
      {editing && (
        <DeviceEditor
          device={editing.device}
          onClose={() => setEditing(undefined)}
          onSaved={(device) => {
            setEditing(undefined);
            setNotice(`Device ${device.hostname} (${device.ip}) saved.`);
            void loadDevices();
          }}
        />
      )}
    </div>
  );
}

/** A device with an LDAP or LDAPS connectivity has a directory certificate to check and pin. */
function hasLdapService(device: DeviceView): boolean {
  return device.connectivities.some((c) => ['ldap', 'ldaps'].includes(c.protocol.toLowerCase()));
}

/** Which pins a device has, for the Host key column: the SSH key, then each certificate's protocol. */
function pinSummary(device: DeviceView): string {
  const pins = [...(device.host_key_fingerprint ? ['SSH key pinned'] : []), ...Object.keys(device.certificate_pins).map((protocol) => `${protocol} certificate pinned`)];
  return pins.join(', ') || '—';
}
