import { useEffect } from 'react';
import { useSession } from '../../stores/session-store';
import { applyTheme, rememberedTheme, useSettings } from '../../stores/settings-store';

/**
 * Keeps <html data-theme> on the chosen theme: the last one used here from the first paint (the
 * settings need a session), then the stored setting once someone signs in.
 */
export function useTheme(): void {
  const signedIn = useSession((s) => s.session != null);
  useEffect(() => applyTheme(rememberedTheme()), []);
  useEffect(() => {
    if (signedIn) void useSettings.getState().load();
  }, [signedIn]);
}
