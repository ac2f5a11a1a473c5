// Builds everything `npm start`, `npm run serve` and the e2e tests need: the renderer (Vite), the
// Electron main process, the preload script and the CLI (esbuild bundles).
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const nodeTarget = 'node20';

await viteBuild({ logLevel: 'warn' });

const common = { bundle: true, platform: 'node', target: nodeTarget, sourcemap: 'linked', logLevel: 'warning' };

await Promise.all([
  // Main process and CLI keep npm packages external: native modules (SQLite, keytar, ssh2) must be
  // loaded from node_modules, rebuilt for the runtime that loads them. Both are ESM (.js under
  // "type": "module"; Electron loads an ESM main since 28): the sources use import.meta.url to find
  // the installation folder, which a CJS bundle would leave undefined. package.json `main` and
  // electron-builder.yml name this same file (test/build/desktop-start-paths.test.ts checks it).
  esbuild({ ...common, entryPoints: ['main/electron/main.ts'], outfile: 'dist/main/electron.js', format: 'esm', packages: 'external' }),
  esbuild({ ...common, entryPoints: ['main/cli/main.ts'], outfile: 'dist/main/cli.js', format: 'esm', packages: 'external' }),
  // A sandboxed preload can require only 'electron': everything else is bundled into one CJS file.
  esbuild({ ...common, entryPoints: ['preload/preload.ts'], outfile: 'dist/preload/preload.cjs', format: 'cjs', external: ['electron'], platform: 'browser', target: 'chrome130', minify: true }),
]);
console.log('pamdesk: built dist/renderer, dist/main (electron, cli) and dist/preload');
