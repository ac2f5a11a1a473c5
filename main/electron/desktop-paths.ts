import { join } from 'node:path';
import { builtinTemplateDir } from '../templates/builtin/builtin-templates';

/**
 * Every file the desktop app resolves at launch, from one root: the app's folder (the checkout for
 * `npm start`, app.asar when packaged). Kept free of Electron so the build test can check each path
 * against a real build: a path that is wrong here is an app that does not open.
 */
export interface DesktopPaths {
  /** The sandboxed preload BrowserWindow loads (a single CJS bundle). */
  readonly preload: string;
  /** The built renderer that app://pamdesk/ serves, and its entry page. */
  readonly rendererDir: string;
  readonly rendererIndex: string;
  /** Built-in execution templates, read from disk when the vault opens. */
  readonly builtinTemplates: string;
}

export function desktopPaths(appRoot: string): DesktopPaths {
  const rendererDir = join(appRoot, 'dist', 'renderer');
  return {
    preload: join(appRoot, 'dist', 'preload', 'preload.cjs'),
    rendererDir,
    rendererIndex: join(rendererDir, 'index.html'),
    builtinTemplates: builtinTemplateDir(appRoot),
  };
}
