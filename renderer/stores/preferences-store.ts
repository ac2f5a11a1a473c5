import { create } from 'zustand';
import type { PreferenceTable, TableLayout, UserPreferences, UserPreferencesPatch } from '../../shared/contract/preferences';
import type { Theme } from '../../shared/contract/settings';
import { api } from '../api/api';
import { resetOnLock } from './reset-on-lock';

const THEME_KEY = 'pamdesk.theme';

/**
 * Sets the theme on <html> (the CSS honours data-theme over prefers-color-scheme) and remembers it
 * in this browser profile, so the unlock screen is in the last user's theme before anyone signs in.
 */
export function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset['theme'];
  else document.documentElement.dataset['theme'] = theme;
  window.localStorage.setItem(THEME_KEY, theme);
}

/** The theme last applied in this browser profile; a display choice, never a secret. */
export function rememberedTheme(): Theme {
  const stored = window.localStorage.getItem(THEME_KEY);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

interface PreferencesState {
  /** The signed-in user's own preferences; undefined until main has answered (or after a lock). */
  readonly preferences: UserPreferences | undefined;
  readonly error: string | undefined;
  load(): Promise<void>;
  setTheme(theme: Theme): Promise<boolean>;
  setLandingView(view: string | null): Promise<boolean>;
  /** Replaces one table's layout (columns shown and widths). */
  setTable(table: PreferenceTable, layout: TableLayout): Promise<boolean>;
  reset(): void;
}

let ask = 0;

export const usePreferences = create<PreferencesState>((set, get) => {
  async function save(patch: UserPreferencesPatch): Promise<boolean> {
    ask += 1;
    const asked = ask;
    const result = await api().call('preferences.set', patch);
    if (asked !== ask) return result.ok;
    if (!result.ok) {
      set({ error: `Your preference was not saved: ${result.error.message}` });
      return false;
    }
    applyTheme(result.value.theme);
    set({ preferences: result.value, error: undefined });
    return true;
  }
  return {
    preferences: undefined,
    error: undefined,
    async load() {
      ask += 1;
      const asked = ask;
      const result = await api().call('preferences.get', {});
      if (asked !== ask) return;
      if (result.ok) applyTheme(result.value.theme);
      set(result.ok ? { preferences: result.value, error: undefined } : { error: `Your preferences could not be loaded: ${result.error.message}` });
    },
    setTheme: (theme) => {
      // Shown at once; main's answer confirms it (or the error says it was not kept).
      applyTheme(theme);
      return save({ theme });
    },
    setLandingView: (landingView) => save({ landingView }),
    setTable: (table, layout) => {
      const current = get().preferences;
      if (current) set({ preferences: { ...current, tables: { ...current.tables, [table]: layout } } });
      return save({ tables: { [table]: layout } });
    },
    reset() {
      ask += 1;
      // The theme stays applied: it is how the window looks, not vault data.
      set({ preferences: undefined, error: undefined });
    },
  };
});

// Another user may sign in next at this window: their layout, not this one's.
resetOnLock(() => usePreferences.getState().reset());
