import { useEffect } from 'react';
import { api } from '../../api/api';
import { useNotifications } from '../../stores/notifications-store';
import { useSession } from '../../stores/session-store';

/**
 * Raises a toast when an operation ends in Error or Unverified, wherever the operator is in the app.
 * Main may report the same end more than once (state change, then attempt record): one toast each.
 */
export function useOperationAlerts(): void {
  const signedIn = useSession((s) => s.session != null);
  useEffect(() => {
    if (!signedIn) return undefined;
    const alerted = new Set<string>();
    return api().on('operation.changed', (event) => {
      if (event.state !== 'Error' && event.state !== 'Unverified') {
        // Restarted: its next end deserves its own toast.
        alerted.delete(`${event.code}:Error`);
        alerted.delete(`${event.code}:Unverified`);
        return;
      }
      const key = `${event.code}:${event.state}`;
      if (alerted.has(key)) return;
      alerted.add(key);
      const unverified = event.state === 'Unverified';
      useNotifications.getState().push({
        tone: unverified ? 'warning' : 'error',
        title: unverified ? `${event.code} could not be verified` : `${event.code} failed`,
        message: `${event.message ?? 'No reason was given.'} ${unverified ? 'Check the device and run a verify.' : 'See Operations → Details and Attempts, then restart it.'}`,
      });
    });
  }, [signedIn]);
}
