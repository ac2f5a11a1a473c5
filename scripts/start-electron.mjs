// `npm start`: the desktop app. Rebuilds native modules for Electron if needed, then runs it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ensureNativeFor } from './native-runtime.mjs';

let electronPath;
try {
  electronPath = createRequire(import.meta.url)('electron');
} catch {
  electronPath = undefined;
}
if (typeof electronPath !== 'string' || !existsSync(electronPath)) {
  console.error(
    'pamdesk: the Electron binary is not installed (was npm ci run with ELECTRON_SKIP_BINARY_DOWNLOAD=1?).\n' +
      'Run `npm ci` without it to fetch Electron, or use `npm run serve` to open pamdesk in a browser on this machine.',
  );
  process.exit(1);
}
ensureNativeFor('electron');
const child = spawn(electronPath, ['.'], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
