import { DEFAULT_USER_PREFERENCES, userPreferencesSchema, type UserPreferences, type UserPreferencesPatch } from '../../shared/contract/preferences';
import type { KeyValueStore } from '../settings/settings-store';

/**
 * Each user's display preferences (theme, table layouts, landing view), in the preferences file
 * beside the vault under `userPreferences-<user id>`: not secrets, and nobody else's business, so
 * neither the vault nor an administrator's settings hold them. The id (a UUID) is the key, never
 * the username, so the file names no one.
 */
export interface UserPreferencesStore {
  read(userId: string): UserPreferences;
  /** Replaces the fields the patch names (a table named replaces that table's layout) and returns the result. */
  update(userId: string, patch: UserPreferencesPatch): UserPreferences;
}

export function userPreferencesKey(userId: string): string {
  return `userPreferences-${userId}`;
}

export function createUserPreferencesStore(store: KeyValueStore): UserPreferencesStore {
  const read = (userId: string): UserPreferences => {
    // A value edited by hand into something invalid falls back to the defaults rather than
    // breaking sign-in; the next change rewrites it whole.
    const parsed = userPreferencesSchema.safeParse(store.get(userPreferencesKey(userId)) ?? {});
    return parsed.success ? parsed.data : DEFAULT_USER_PREFERENCES;
  };
  return {
    read,
    update(userId, patch) {
      const before = read(userId);
      const next = userPreferencesSchema.parse({
        theme: patch.theme ?? before.theme,
        landingView: patch.landingView === undefined ? before.landingView : patch.landingView,
        tables: { ...before.tables, ...patch.tables },
      });
      store.set(userPreferencesKey(userId), next);
      return next;
    },
  };
}
