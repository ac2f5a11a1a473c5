// Folder boundaries are the architecture: the renderer is untrusted and reaches main only through
// the contract in shared/; only main/electron/ touches Electron; raw IPC lives in one wrapper per
// side. Do not relax these rules to make an import work: move the code to the right layer instead.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Bare built-in names are matched exactly (as `paths`), so that a file of ours named events.ts is not
// mistaken for Node's `events`.
const NODE_BUILTINS = ['fs', 'fs/promises', 'path', 'os', 'crypto', 'child_process', 'net', 'http', 'https', 'url', 'util', 'stream', 'events', 'worker_threads'];
const NODE_MESSAGE = 'This layer runs without Node: no Node built-ins.';

const restrict = (patterns, paths = []) => ['error', { patterns: patterns.map((group) => ({ group: [group.pattern], message: group.message })), paths }];
const restrictWithoutNode = (patterns) =>
  restrict([...patterns, { pattern: 'node:*', message: NODE_MESSAGE }], NODE_BUILTINS.map((name) => ({ name, message: NODE_MESSAGE })));

const noMain = { pattern: '**/main/**', message: 'Reach main only through the IPC contract in shared/.' };
const noRenderer = { pattern: '**/renderer/**', message: 'The renderer is a separate, untrusted layer.' };
const noPreload = { pattern: '**/preload/**', message: 'preload is the bridge; nothing imports it.' };
const noElectron = { pattern: 'electron', message: 'Only main/electron/ and preload/ import Electron.' };
const noReact = { pattern: 'react*', message: 'shared/ holds the contract, not UI.' };

const rawIpcMain = { name: 'electron', importNames: ['ipcMain'], message: 'Use main/electron/ipc-bridge.ts: it routes every message through the checked router.' };

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['shared/**'],
    languageOptions: { globals: {} },
    rules: { 'no-restricted-imports': restrictWithoutNode([noMain, noRenderer, noPreload, noElectron, noReact]) },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': restrictWithoutNode([noMain, noPreload, noElectron]) },
  },
  {
    files: ['preload/**'],
    rules: { 'no-restricted-imports': restrictWithoutNode([noMain, noRenderer]) },
  },
  {
    files: ['main/**'],
    ignores: ['main/electron/**'],
    rules: { 'no-restricted-imports': restrict([noRenderer, noPreload, noElectron]) },
  },
  {
    files: ['main/electron/**'],
    ignores: ['main/electron/ipc-bridge.ts'],
    rules: { 'no-restricted-imports': restrict([noRenderer, noPreload], [rawIpcMain]) },
  },
  {
    files: ['main/electron/ipc-bridge.ts'],
    rules: { 'no-restricted-imports': restrict([noRenderer, noPreload]) },
  },
);
