import { useEffect } from 'react';
import { useDevices } from '../../stores/devices-store';
import { useNavigation } from '../../stores/navigation-store';
import { useCan } from '../../stores/session-store';

/**
 * What an empty vault asks for next, as a real step: a credential needs a device, so with no
 * device the first step is adding one; with devices, New credential; for roles that add neither,
 * whom to ask.
 */
export function FirstStepNote({ onNewCredential }: { readonly onNewCredential: () => void }) {
  const canWriteCredentials = useCan('credential.write');
  const canWriteDevices = useCan('device.write');
  const { devices, loadDevices } = useDevices();
  useEffect(() => {
    if (canWriteCredentials) void loadDevices();
  }, [canWriteCredentials, loadDevices]);

  if (!canWriteCredentials) return <>No credentials yet: ask an operator or administrator to add some.</>;
  if (devices === undefined) return <>No credentials yet.</>;
  if (devices.length === 0) {
    return (
      <>
        No credentials yet, and no device to put one on: add a device first.{' '}
        {canWriteDevices ? (
          <button type="button" className="link-button" onClick={() => useNavigation.getState().go('devices')}>
            Add a device
          </button>
        ) : (
          'Ask an administrator to add a device.'
        )}
      </>
    );
  }
  return (
    <>
      No credentials yet: add the first one to {devices.length === 1 ? 'your device' : `one of your ${devices.length} devices`}.{' '}
      <button type="button" className="link-button" onClick={onNewCredential}>
        Add a credential
      </button>
    </>
  );
}
