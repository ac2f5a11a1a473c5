import { useEffect, useState } from 'react';
import type { DeviceView } from '../../../shared/domain/device-view';
import { api } from '../../api/api';
import { RecordActions } from '../records/record-actions';

interface ArchivedDevicesSectionProps {
  /** Bumped by the view after an archive, restore or delete, so this list follows. */
  readonly refresh: number;
  readonly onDone: (message: string) => void;
  readonly onError: (message: string) => void;
}

/** The archived devices, to find and restore them (or, for administrators, delete them). */
export function ArchivedDevicesSection({ refresh, onDone, onError }: ArchivedDevicesSectionProps) {
  const [archived, setArchived] = useState<readonly DeviceView[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    let current = true;
    void api()
      .call('device.list', { archived: 'archived' })
      .then((result) => {
        if (!current) return;
        if (result.ok) setArchived(result.value);
        else setError(`The archived devices could not be loaded: ${result.error.message}`);
      });
    return () => {
      current = false;
    };
  }, [refresh]);

  return (
    <section aria-labelledby="archived-devices-title">
      <h2 id="archived-devices-title">Archived devices</h2>
      {error && <p role="alert" className="form-error">{error}</p>}
      {archived?.length === 0 && <p className="muted">No archived devices. Archive a device to hide it from lists and pickers while keeping its history.</p>}
      {archived && archived.length > 0 && (
        <table aria-labelledby="archived-devices-title">
          <thead>
            <tr>
              <th scope="col">Hostname</th>
              <th scope="col">IP</th>
              <th scope="col">Archived</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {archived.map((d) => (
              <tr key={d.id}>
                <th scope="row">{d.hostname}</th>
                <td>{d.ip}</td>
                <td>{d.archived_at ?? ''}</td>
                <td>
                  <RecordActions kind="device" id={d.id} name={`${d.hostname} (${d.ip})`} archived onDone={onDone} onError={onError} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
