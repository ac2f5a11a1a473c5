import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'pamdesk';

/**
 * Where the vault lives when no --data-dir is given: the same per-user folder Electron calls
 * userData for an app named pamdesk, so the desktop app, the host and the CLI share one vault.
 * PAMDESK_DATA_DIR overrides it (tests, portable installs).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const override = env['PAMDESK_DATA_DIR'];
  if (override) return override;
  switch (platform) {
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', APP_NAME);
    case 'win32':
      return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
    default:
      return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), APP_NAME);
  }
}
