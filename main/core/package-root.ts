import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding pamdesk's package.json, found from this module's own location so that it works
 * both from the sources (tsx) and from the bundle in dist/.
 */
export function packageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && isPamdeskPackage(candidate)) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Could not find the pamdesk installation folder (package.json). Reinstall pamdesk.');
    dir = parent;
  }
}

function isPamdeskPackage(path: string): boolean {
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown }).name === 'pamdesk';
  } catch {
    return false;
  }
}

/** The built renderer (vite build output). */
export function rendererDir(env: NodeJS.ProcessEnv = process.env): string {
  return env['PAMDESK_RENDERER_DIR'] ?? join(packageRoot(), 'dist', 'renderer');
}
