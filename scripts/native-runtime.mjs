// Native modules (SQLite, keytar) are compiled for one runtime at a time: Node for the CLI, the host
// and the tests; Electron for the desktop app. This keeps a marker of which one node_modules holds
// and rebuilds only when switching, so `npm start` and `npm test` can follow each other.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const NATIVE = ['better-sqlite3-multiple-ciphers', 'keytar'];
const MARKER = 'node_modules/.pamdesk-native-runtime';
const require = createRequire(import.meta.url);

function current() {
  return existsSync(MARKER) ? readFileSync(MARKER, 'utf8').trim() : 'node';
}

export function ensureNativeFor(target) {
  const wanted = target === 'electron' ? `electron@${require('electron/package.json').version}` : 'node';
  if (current() === wanted) return;
  console.error(`pamdesk: rebuilding native modules for ${wanted} (was ${current()})…`);
  if (target === 'electron') {
    execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['electron-rebuild', '--force', '--only', NATIVE.join(',')], { stdio: 'inherit' });
  } else {
    execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['rebuild', ...NATIVE], { stdio: 'inherit' });
  }
  writeFileSync(MARKER, wanted);
}

if (import.meta.url === `file://${process.argv[1]}`) ensureNativeFor(process.argv[2] === 'electron' ? 'electron' : 'node');
