import Store from 'electron-store';
import { fileRevision, type KeyValueStore } from '../settings/settings-store';

/** The desktop app's preferences: electron-store, as preferences.json in the data folder. */
export function electronStorePreferences(dataDir: string): KeyValueStore {
  const store = new Store<Record<string, unknown>>({ cwd: dataDir, name: 'preferences' });
  return { get: (key) => store.get(key), set: (key, value) => store.set(key, value), revision: () => fileRevision(store.path) };
}
