import { useEffect } from 'react';
import { useSession } from '../../stores/session-store';
import { applyTheme, rememberedTheme, usePreferences } from '../../stores/preferences-store';

/**
 * Keeps <html data-theme> on the chosen theme: the last one used here from the first paint (the
 * preferences need a session), then the signed-in user's own choice once they sign in.
 */
export function useTheme(): void {
  const signedIn = useSession((s) => s.session != null);
  useEffect(() => applyTheme(rememberedTheme()), []);
  useEffect(() => {
    if (signedIn) void usePreferences.getState().load();
  }, [signedIn]);
}
