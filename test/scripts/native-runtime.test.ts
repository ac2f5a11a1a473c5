import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronHeadersUrl, electronRebuildEnv, NATIVE } from '../../scripts/native-runtime.mjs';

const root = resolve(__dirname, '..', '..');
const source = readFileSync(join(root, 'scripts', 'native-runtime.mjs'), 'utf8');
const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;

describe('rebuilding native modules for Electron', () => {
  it('uses npm rebuild, not a rebuild tool the project does not declare', () => {
    expect(source).not.toMatch(/npx|electron-rebuild/);
    expect(source).toMatch(/\['rebuild', \.\.\.NATIVE\]/);
    expect(NATIVE).toEqual(['better-sqlite3-multiple-ciphers', 'keytar']);
  });

  it("points node-gyp at Electron's headers for the installed Electron version, compiling from source", () => {
    const env = electronRebuildEnv(electronVersion, { PATH: '/usr/bin' }, 'https://headers.invalid/electron');
    expect(env).toMatchObject({
      PATH: '/usr/bin',
      npm_config_runtime: 'electron',
      npm_config_target: electronVersion,
      npm_config_disturl: 'https://headers.invalid/electron',
      npm_config_build_from_source: 'true',
    });
    // Electron's headers are cached apart from Node's.
    expect(env['npm_config_devdir']).toMatch(/\.electron-gyp$/);
  });

  it("prefers the operator's own headers mirror", () => {
    expect(electronHeadersUrl({ npm_config_disturl: 'https://mirror.invalid/a' })).toBe('https://mirror.invalid/a');
    expect(electronHeadersUrl({ npm_config_electron_mirror: 'https://mirror.invalid/b' })).toBe('https://mirror.invalid/b');
  });

  it("otherwise uses the address the installed Electron toolchain knows, never one written into pamdesk", () => {
    const url = electronHeadersUrl({});
    expect(url).toMatch(/^https:\/\/\S+/);
    expect(source).not.toMatch(/https?:\/\/[a-z]/i);
  });
});
