import { create } from 'zustand';
import type { Settings, SettingsPatch } from '../../shared/contract/settings';
import type { AppError } from '../../shared/errors';
import { api } from '../api/api';
import { resetOnLock } from './reset-on-lock';

export type SaveOutcome = { readonly ok: true; readonly settings: Settings } | { readonly ok: false; readonly error: AppError };

interface SettingsState {
  /** undefined until main has answered. Preferences only: the contract holds no secret here. */
  readonly settings: Settings | undefined;
  readonly error: string | undefined;
  load(): Promise<void>;
  save(patch: SettingsPatch): Promise<SaveOutcome>;
  reset(): void;
}

let ask = 0;

export const useSettings = create<SettingsState>((set) => ({
  settings: undefined,
  error: undefined,
  async load() {
    ask += 1;
    const asked = ask;
    const result = await api().call('settings.get', {});
    if (asked !== ask) return;
    set(result.ok ? { settings: result.value, error: undefined } : { error: `The settings could not be loaded: ${result.error.message}` });
  },
  async save(patch) {
    ask += 1;
    const result = await api().call('settings.update', patch);
    if (!result.ok) return { ok: false, error: result.error };
    set({ settings: result.value, error: undefined });
    return { ok: true, settings: result.value };
  },
  reset() {
    ask += 1;
    set({ settings: undefined, error: undefined });
  },
}));

// The SIEM host and the runner's limits describe the installation: not shown to a locked window.
resetOnLock(() => useSettings.getState().reset());
