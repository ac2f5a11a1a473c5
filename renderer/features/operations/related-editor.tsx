import { useEffect } from 'react';
import { useDevices } from '../../stores/devices-store';
import { CredentialEditor } from '../credentials/credential-editor';
import { DeviceEditor } from '../devices/device-editor';
import { Dialog } from '../shared-ui/dialog';

/** Seed 000's "Edit Credential" / "Edit Device": the editor of what the operation ran with, opened in place. */
export type RelatedEdit = { readonly kind: 'credential'; readonly credentialId: number } | { readonly kind: 'device'; readonly deviceId: number; readonly hostname: string };

interface RelatedEditorProps {
  readonly edit: RelatedEdit;
  readonly onSaved: (message: string) => void;
  readonly onClose: () => void;
}

export function RelatedEditor({ edit, onSaved, onClose }: RelatedEditorProps) {
  if (edit.kind === 'credential') return <CredentialEditor id={edit.credentialId} onSaved={onSaved} onClose={onClose} />;
  return <OperationDeviceEditor deviceId={edit.deviceId} hostname={edit.hostname} onSaved={onSaved} onClose={onClose} />;
}

/** The device editor needs the device's current fields: loaded from the device list, then opened. */
function OperationDeviceEditor({ deviceId, hostname, onSaved, onClose }: { readonly deviceId: number; readonly hostname: string; readonly onSaved: (message: string) => void; readonly onClose: () => void }) {
  const { devices, error, loadDevices } = useDevices();
  useEffect(() => {
    void loadDevices();
  }, [loadDevices]);
  const device = devices?.find((d) => d.id === deviceId);
  if (device) return <DeviceEditor device={device} onSaved={(saved) => onSaved(`Device ${saved.hostname} saved.`)} onClose={onClose} />;
  return (
    <Dialog title={`Device ${hostname}`} onClose={onClose}>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : devices ? (
        <p role="alert" className="form-error">{`Device ${hostname} no longer exists: it may have been removed. Reload the operations.`}</p>
      ) : (
        <p className="muted">Loading the device…</p>
      )}
    </Dialog>
  );
}
