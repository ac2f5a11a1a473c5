import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Just enough of electron-builder's glob syntax (`**`, `*`, `?`, a leading `!`) to check that the
 * packaging globs in electron-builder.yml name real files. Paths are relative, with forward slashes.
 */
export function globToRegExp(glob: string): RegExp {
  let pattern = '';
  for (let i = 0; i < glob.length; i += 1) {
    const char = glob[i] ?? '';
    if (char === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      pattern += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') pattern += '[^/]*';
    else if (char === '?') pattern += '[^/]';
    else pattern += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${pattern}$`);
}

/** The top-level YAML list under `key:` ("  - item" lines), quotes removed, comments skipped. */
export function topLevelYamlList(yaml: string, key: string): string[] {
  const lines = yaml.split('\n');
  const start = lines.findIndex((line) => line === `${key}:`);
  if (start < 0) return [];
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\s*#/.test(line)) continue;
    const item = /^\s+-\s+(.+?)\s*$/.exec(line);
    if (!item?.[1]) break;
    items.push(item[1].replace(/^"(.*)"$/, '$1'));
  }
  return items;
}

/** The top-level scalar `key: value`, or undefined. */
export function topLevelYamlScalar(yaml: string, key: string): string | undefined {
  return new RegExp(`^${key}:\\s*(\\S.*?)\\s*$`, 'm').exec(yaml)?.[1];
}

/** Files under `root` (relative paths) matching `glob`, walking only below the glob's literal folder; at most `limit`. */
export function matchingFiles(root: string, glob: string, limit = Number.POSITIVE_INFINITY): string[] {
  const regex = globToRegExp(glob);
  const literal = glob.split('/').findIndex((part) => /[*?]/.test(part));
  const base = literal <= 0 ? '' : glob.split('/').slice(0, literal).join('/');
  const found: string[] = [];
  const walk = (relative: string): void => {
    if (found.length >= limit) return;
    let entries: string[];
    try {
      entries = readdirSync(join(root, relative));
    } catch {
      return;
    }
    for (const name of entries) {
      if (found.length >= limit) return;
      const path = relative ? `${relative}/${name}` : name;
      if (name === '.git') continue;
      let isDir: boolean;
      try {
        isDir = statSync(join(root, path)).isDirectory();
      } catch {
        continue;
      }
      if (isDir) walk(path);
      else if (regex.test(path)) found.push(path);
    }
  };
  walk(base);
  return found;
}

/** Whether electron-builder's `files` list would put `path` into the package (later globs win). */
export function includedByFiles(globs: readonly string[], path: string): boolean {
  let included = false;
  for (const glob of globs) {
    if (glob.startsWith('!')) {
      if (globToRegExp(glob.slice(1)).test(path)) included = false;
    } else if (globToRegExp(glob).test(path)) included = true;
  }
  return included;
}
