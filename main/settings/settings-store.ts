import Conf from 'conf';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../shared/contract/settings';

/** The seam both shells fill: electron-store in the desktop app, conf (its core) elsewhere. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export interface SettingsStore {
  read(): Settings;
  update(patch: Partial<Settings>): Settings;
}

const KEY = 'settings';

/** Validated settings over a key-value store; an invalid stored value falls back to its default. */
export function createSettingsStore(store: KeyValueStore): SettingsStore {
  return {
    read() {
      const parsed = settingsSchema.safeParse(store.get(KEY) ?? {});
      return parsed.success ? parsed.data : DEFAULT_SETTINGS;
    },
    update(patch) {
      const next = settingsSchema.parse({ ...this.read(), ...patch });
      store.set(KEY, next);
      return next;
    },
  };
}

/** conf, stored as preferences.json in the data folder (the same file electron-store would use). */
export function confKeyValueStore(dataDir: string): KeyValueStore {
  const conf = new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'preferences', projectName: 'pamdesk' });
  return { get: (key) => conf.get(key), set: (key, value) => conf.set(key, value) };
}
