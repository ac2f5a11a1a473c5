import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** The renderer build: a plain SPA, no inline scripts (the CSP forbids them), relative asset paths. */
export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  build: {
    outDir: resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: false,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
