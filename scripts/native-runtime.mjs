// Native modules (SQLite, keytar) are compiled for one runtime at a time: Node for the CLI, the host
// and the tests; Electron for the desktop app. This keeps a marker of which one node_modules holds
// and rebuilds only when switching, so `npm start` and `npm test` can follow each other.
//
// Both directions use plain `npm rebuild`, which runs each module's own install script (node-gyp or
// prebuild-install). For Electron, the npm_config_* variables below point node-gyp at Electron's
// headers instead of Node's: the same mechanism Electron's rebuild tools use, but without
// @electron/rebuild, whose current releases need Node 22.12 while pamdesk supports Node 20.19.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const NATIVE = ['better-sqlite3-multiple-ciphers', 'keytar'];
const MARKER = 'node_modules/.pamdesk-native-runtime';
const require = createRequire(import.meta.url);

function current() {
  return existsSync(MARKER) ? readFileSync(MARKER, 'utf8').trim() : 'node';
}

/**
 * Where Electron's node headers are downloaded from. An operator's own setting wins (a company
 * mirror: npm_config_disturl, or npm_config_electron_mirror as electron-builder reads it); otherwise
 * the address the installed Electron toolchain (electron-builder's @electron/rebuild) uses by
 * default, read from that package so that pamdesk never hard-codes a download host.
 */
export function electronHeadersUrl(env = process.env) {
  const configured = env.npm_config_disturl ?? env.npm_config_electron_mirror;
  if (configured) return configured;
  try {
    const source = readFileSync(join(dirname(require.resolve('@electron/rebuild')), 'rebuild.js'), 'utf8');
    const match = /headerURL\s*\|\|\s*['"](https:\/\/[^'"]+)['"]/.exec(source);
    if (match) return match[1];
  } catch {
    // Not installed (electron-builder brings it): fall through to the message below.
  }
  throw new Error(
    "pamdesk: cannot tell where to download Electron's headers for the native modules. " +
      'Set npm_config_disturl to your Electron headers mirror and run `npm start` again.',
  );
}

/** The environment `npm rebuild` needs to compile for Electron `version` (node-gyp and prebuild-install honour it). */
export function electronRebuildEnv(version, env = process.env, headersUrl = electronHeadersUrl(env)) {
  return {
    ...env,
    npm_config_runtime: 'electron',
    npm_config_target: version,
    npm_config_disturl: headersUrl,
    // Electron's headers are cached apart from Node's, so switching back does not mix them up.
    npm_config_devdir: env.npm_config_devdir ?? join(homedir(), '.electron-gyp'),
    // Compile here rather than fetch a prebuilt binary: the vault's SQLite is built from the
    // source npm verified, like the Node build.
    npm_config_build_from_source: 'true',
  };
}

export function ensureNativeFor(target) {
  const electronVersion = target === 'electron' ? require('electron/package.json').version : undefined;
  const wanted = electronVersion ? `electron@${electronVersion}` : 'node';
  if (current() === wanted) return;
  console.error(`pamdesk: rebuilding native modules for ${wanted} (was ${current()})…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const env = electronVersion ? electronRebuildEnv(electronVersion) : process.env;
  execFileSync(npm, ['rebuild', ...NATIVE], { stdio: 'inherit', env, shell: process.platform === 'win32' });
  writeFileSync(MARKER, wanted);
}

if (import.meta.url === `file://${process.argv[1]}`) ensureNativeFor(process.argv[2] === 'electron' ? 'electron' : 'node');
