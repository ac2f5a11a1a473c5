import { useCredentials } from '../../stores/credentials-store';
import { useNavigation } from '../../stores/navigation-store';

/** "Edit credential": the credentials view, searched down to this one credential. */
export function openCredential(identifier: string): void {
  useCredentials.getState().setSearch(identifier);
  useNavigation.getState().go('credentials');
}

/** "Edit device": the devices view, where the device's Edit and Host key buttons are. */
export function openDevices(): void {
  useNavigation.getState().go('devices');
}
