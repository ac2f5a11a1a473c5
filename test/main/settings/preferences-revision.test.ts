import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confKeyValueStore, createSettingsStore } from '../../../main/settings/settings-store';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

describe('preferences are parsed once per change of preferences.json', () => {
  it('a change written by another process (the CLI beside the desktop app) is read at once', async () => {
    const dir = tempDir();
    const desktop = createSettingsStore(confKeyValueStore(dir));
    const cli = createSettingsStore(confKeyValueStore(dir));
    expect(desktop.read().runner.globalConcurrency).toBe(8);
    await cli.update({ runner: { ...cli.read().runner, globalConcurrency: 3 } });
    expect(desktop.read().runner.globalConcurrency).toBe(3);
    // Edited by hand, twice in a row (same size, as fast as the file system allows): both are seen.
    for (const concurrency of [5, 6]) {
      const file = join(dir, 'preferences.json');
      const stored = JSON.parse(readFileSync(file, 'utf8')) as { settings: { runner: Record<string, unknown> } };
      stored.settings.runner['globalConcurrency'] = concurrency;
      writeFileSync(file, JSON.stringify(stored));
      expect(desktop.read().runner.globalConcurrency).toBe(concurrency);
    }
  });

  it('what one reader was given cannot be changed under another: the shared copy is frozen', () => {
    const store = createSettingsStore(confKeyValueStore(tempDir()));
    const first = store.read();
    expect(() => {
      (first.runner as { globalConcurrency: number }).globalConcurrency = 64;
    }).toThrow(TypeError);
    expect(store.read().runner.globalConcurrency).toBe(8);
  });
});
