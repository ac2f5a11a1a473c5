import Conf from 'conf';
import { DEFAULT_SETTINGS, settingsSchema, type Settings, type SettingsPatch } from '../../shared/contract/settings';

/** The seam both shells fill: electron-store in the desktop app, conf (its core) elsewhere. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export interface SettingsStore {
  read(): Settings;
  /** Validates the merged result (throws a ZodError naming the bad field) and stores it. */
  update(patch: SettingsPatch): Settings;
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
      const current = this.read();
      // runner and siem merge field by field, so a patch naming one field keeps the others.
      const next = settingsSchema.parse({ ...current, ...patch, runner: { ...current.runner, ...patch.runner }, siem: { ...current.siem, ...patch.siem } });
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
