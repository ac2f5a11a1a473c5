import { useEffect } from 'react';
import { applyTheme, rememberedTheme } from '../../stores/preferences-store';

/**
 * Keeps <html data-theme> on the chosen theme from the first paint: the last one used here (the
 * preferences need a session). The signed-in user's own choice follows when the session store
 * loads their preferences at sign-in (session-store.ts), the one place they are read.
 */
export function useTheme(): void {
  useEffect(() => applyTheme(rememberedTheme()), []);
}
