import type { Handlers } from '../../ipc/handlers';
import type { UserPreferencesStore } from '../../preferences/user-preferences';
import { requireSession } from './require-session';

/** Always the caller's own preferences: the user id comes from the session, never from the payload. */
export function preferenceHandlers(preferences: UserPreferencesStore): Pick<Handlers, 'preferences.get' | 'preferences.set'> {
  return {
    'preferences.get': (_request, context) => preferences.read(requireSession(context).userId),
    'preferences.set': (request, context) => preferences.update(requireSession(context).userId, request),
  };
}
