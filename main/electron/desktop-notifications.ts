import { Notification } from 'electron';
import type { Core } from '../core/create-core';

/**
 * A desktop notification when an operation ends in Error or Unverified, even while the window is
 * hidden: an operator must not miss a credential the target may have changed. (The renderer shows
 * a toast as well; the headless host has only the toast.)
 */
export function notifyOperationAlerts(core: Core): () => void {
  return core.events.subscribe((name, payload) => {
    if (name !== 'operation.changed' || !Notification.isSupported()) return;
    const op = payload as { code: string; state: string; message: string | null };
    if (op.state !== 'Error' && op.state !== 'Unverified') return;
    new Notification({
      title: `pamdesk: ${op.code} ${op.state === 'Unverified' ? 'is Unverified' : 'failed'}`,
      body: (op.message ?? '').slice(0, 240),
      urgency: op.state === 'Unverified' ? 'critical' : 'normal',
    }).show();
  });
}
