import { create } from 'zustand';
import type { DeviceView, DomainView } from '../../shared/domain/device-view';
import { api } from '../api/api';
import { resetOnLock } from './reset-on-lock';

interface DevicesState {
  readonly devices: readonly DeviceView[] | undefined;
  readonly domains: readonly DomainView[] | undefined;
  readonly error: string | undefined;
  loadDevices(): Promise<void>;
  loadDomains(): Promise<void>;
  reset(): void;
}

/** Devices and registered domains: small lists, loaded whole and refreshed after each change. */
/** Bumped by a lock, so an answer that arrives after it is not kept. */
let epoch = 0;

export const useDevices = create<DevicesState>((set) => ({
  devices: undefined,
  domains: undefined,
  error: undefined,
  async loadDevices() {
    const asked = epoch;
    const result = await api().call('device.list', {});
    if (asked === epoch) set(result.ok ? { devices: result.value, error: undefined } : { error: `The devices could not be loaded: ${result.error.message}` });
  },
  async loadDomains() {
    const asked = epoch;
    const result = await api().call('domain.list', {});
    if (asked === epoch) set(result.ok ? { domains: result.value, error: undefined } : { error: `The domains could not be loaded: ${result.error.message}` });
  },
  reset() {
    epoch += 1;
    set({ devices: undefined, domains: undefined, error: undefined });
  },
}));

// Device names and addresses are vault data: forget them when the vault locks.
resetOnLock(() => useDevices.getState().reset());
