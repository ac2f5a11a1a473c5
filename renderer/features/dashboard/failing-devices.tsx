import type { DashboardDevice } from '../../../shared/contract/dashboard-channels';
import { openDashboardLink } from './open-dashboard-link';

/** The devices whose attempts failed most in the window, each opening its failed operations. */
export function FailingDevices({ devices, windowDays }: { readonly devices: readonly DashboardDevice[]; readonly windowDays: number }) {
  return (
    <section className="dashboard-panel" aria-labelledby="failing-devices-title">
      <h2 id="failing-devices-title">Devices with the most failures</h2>
      {devices.length === 0 ? (
        <p className="empty-note" data-testid="failing-devices-empty">{`No attempt failed in the last ${windowDays} days. Failures (Error or Unverified) will be listed here with their device.`}</p>
      ) : (
        <div className="table-scroller">
          <table className="data-table" aria-labelledby="failing-devices-title">
            <thead>
              <tr>
                <th scope="col">Device</th>
                <th scope="col">IP</th>
                <th scope="col">Failed attempts</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {devices.map((device) => (
                <tr key={device.deviceId}>
                  <th scope="row">{device.hostname}</th>
                  <td>{device.ip}</td>
                  <td>{device.failedAttempts.toLocaleString()}</td>
                  <td>
                    <button type="button" className="link-button" onClick={() => openDashboardLink(device.link)} aria-label={`List the failed operations on ${device.hostname}`}>
                      Failed operations
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
