import { create } from 'zustand';
import type { DashboardSummary } from '../../shared/contract/dashboard-channels';
import { api } from '../api/api';
import { resetOnLock } from './reset-on-lock';

interface DashboardState {
  readonly summary: DashboardSummary | undefined;
  readonly loading: boolean;
  readonly error: string | undefined;
  refresh(): Promise<void>;
  reset(): void;
}

/** Bumped by a lock and by every refresh, so a late answer never replaces a newer one. */
let ask = 0;

/** The dashboard's figures, as main counted them: the renderer never recounts. */
export const useDashboard = create<DashboardState>((set) => ({
  summary: undefined,
  loading: false,
  error: undefined,
  async refresh() {
    ask += 1;
    const asked = ask;
    set({ loading: true });
    const result = await api().call('dashboard.summary', {});
    if (asked !== ask) return;
    set(result.ok ? { summary: result.value, error: undefined, loading: false } : { error: `The dashboard could not be loaded: ${result.error.message}`, loading: false });
  },
  reset() {
    ask += 1;
    set({ summary: undefined, loading: false, error: undefined });
  },
}));

// Hostnames and counts of the vault's credentials are vault data.
resetOnLock(() => useDashboard.getState().reset());
