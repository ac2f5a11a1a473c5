import { useState } from 'react';
import type { DeviceView } from '../../../shared/domain/device-view';
import { api } from '../../api/api';
import { Dialog } from '../shared-ui/dialog';

interface MergeDevicesDialogProps {
  /** The duplicate: its credentials move to the device chosen here, then it is removed. */
  readonly merge: DeviceView;
  readonly devices: readonly DeviceView[];
  readonly onClose: () => void;
  readonly onMerged: (message: string) => void;
}

/** Joins a duplicate device into the one to keep ('device.merge'); main refuses a username collision or an open operation. */
export function MergeDevicesDialog({ merge, devices, onClose, onMerged }: MergeDevicesDialogProps) {
  const others = devices.filter((d) => d.id !== merge.id);
  const [keepId, setKeepId] = useState<number | undefined>(others[0]?.id);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    if (keepId === undefined) return;
    setBusy(true);
    setError(undefined);
    const result = await api().call('device.merge', { keepId, mergeId: merge.id });
    setBusy(false);
    if (!result.ok) setError(`The devices were not merged: ${result.error.message}`);
    else onMerged(`Merged ${merge.hostname} (${merge.ip}) into ${result.value.kept.hostname} (${result.value.kept.ip}); ${result.value.movedCredentials.length} credential(s) moved.`);
  }

  const title = `Merge ${merge.hostname} (${merge.ip})`;
  return (
    <Dialog
      title={title}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={busy || keepId === undefined} onClick={() => void confirm()}>
            {busy ? 'Merging…' : 'Merge devices'}
          </button>
        </>
      }
    >
      {error && <p role="alert" className="form-error">{error}</p>}
      {others.length === 0 ? (
        <p className="muted">There is no other device to merge into.</p>
      ) : (
        <label className="form-row">
          <span className="field-label">Keep this device (its id stays; the credentials of {merge.hostname} move to it, then {merge.hostname} is removed)</span>
          <select value={keepId ?? ''} onChange={(e) => setKeepId(Number(e.target.value))}>
            {others.map((d) => (
              <option key={d.id} value={d.id}>
                {d.hostname} ({d.ip})
              </option>
            ))}
          </select>
        </label>
      )}
    </Dialog>
  );
}
