import { channel, noPayload } from './channel-spec';
import { userPreferencesPatchSchema, userPreferencesSchema } from './preferences';

/**
 * The signed-in user's own preferences. Neither channel takes a user id: main reads the caller's
 * session, so no one can read or change another user's choices.
 */
export const preferencesChannels = {
  'preferences.get': channel({ request: noPayload, response: userPreferencesSchema, requires: 'session' }),
  'preferences.set': channel({ request: userPreferencesPatchSchema, response: userPreferencesSchema, requires: 'session' }),
} as const;
