import type { OptionSpec } from './command';

/** Options every command accepts. */
export const GLOBAL_OPTIONS: OptionSpec = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
};

export const GLOBAL_OPTION_HELP: Readonly<Record<string, string>> = {
  'data-dir': 'the vault folder (default: PAMDESK_DATA_DIR, else the desktop app\'s per-user data folder)',
  json: 'print machine-readable JSON',
  help: 'show help for the command',
};
