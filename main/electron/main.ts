import { app, type BrowserWindow } from 'electron';
import { createCore, type Core } from '../core/create-core';
import { defaultDataDir } from '../core/data-dir';
import { sshExecution } from '../execution/ssh-execution';
import { createLogger } from '../logging/logger';
import { installProcessSafetyNet } from '../logging/process-safety-net';
import { installAppMenu } from './app-menu';
import { APP_ORIGIN, registerAppScheme, serveRendererFrom } from './app-protocol';
import { notifyOperationAlerts } from './desktop-notifications';
import { electronStorePreferences } from './electron-store-preferences';
import { createSecretClipboard } from '../security/secret-clipboard';
import { desktopPaths } from './desktop-paths';
import { electronClipboard } from './electron-clipboard';
import { bindIpc } from './ipc-bridge';
import { createMainWindow } from './main-window';
import { installSecurityGuards } from './security-guards';

/**
 * The Electron shell: app lifecycle, the window, the app:// protocol and the IPC binding. All of
 * pamdesk's behaviour lives in the core; this file only adapts it to Electron.
 */
const logger = createLogger();
const dataDir = defaultDataDir();
app.setPath('userData', dataDir);
const isAppUrl = (url: string) => url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);

if (!app.requestSingleInstanceLock()) {
  // A second pamdesk on the same vault would race the first one's runner: hand over and quit.
  app.quit();
} else {
  registerAppScheme();
  let window: BrowserWindow | undefined;
  let core: Core | undefined;
  installProcessSafetyNet(logger, { onFatal: async () => core?.close() });

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void core?.close());

  void app.whenReady().then(() => {
    installSecurityGuards(isAppUrl);
    installAppMenu();
    // One root for every file the app opens: the checkout under `npm start`, app.asar when packaged.
    const paths = desktopPaths(app.getAppPath());
    serveRendererFrom(paths.rendererDir);
    core = createCore({
      dataDir,
      shell: 'desktop',
      execution: sshExecution(true),
      // Preferences through electron-store, in the vault's data folder (never secrets).
      preferences: electronStorePreferences(dataDir),
      // Main clears copied secrets (after the delay, on lock, on quit): a page's timer dies with the page.
      clipboard: createSecretClipboard(electronClipboard()),
      // Only our own window, and only while it shows our own app:// page, may talk to main.
      isTrustedSender: (sender) =>
        sender.kind === 'electron' && window !== undefined && sender.webContentsId === window.webContents.id && isAppUrl(sender.frameUrl),
      logger,
    });
    bindIpc(core, () => window?.webContents);
    notifyOperationAlerts(core);
    window = createMainWindow({ preloadPath: paths.preload, url: `${APP_ORIGIN}/` });
    window.on('closed', () => {
      window = undefined;
    });
  });
}
