import { create } from 'zustand';
import type { CoreStatus } from '../../shared/contract/core-status';
import { api } from '../api/api';

interface CoreStatusState {
  readonly status: CoreStatus | undefined;
  readonly error: string | undefined;
  refresh(): Promise<void>;
}

/** The core's state as main reports it, fetched over IPC and kept fresh by main's events. */
export const useCoreStatus = create<CoreStatusState>((set) => ({
  status: undefined,
  error: undefined,
  async refresh() {
    const result = await api().call('core.status', {});
    set(result.ok ? { status: result.value, error: undefined } : { error: result.error.message });
  },
}));

export function subscribeCoreStatus(): () => void {
  return api().on('core.statusChanged', (status) => useCoreStatus.setState({ status, error: undefined }));
}
