import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../main/core/package-root';
import { desktopPaths } from '../../main/electron/desktop-paths';
import { readRendererFile } from '../../main/host/static-files';
import { BUILTIN_TEMPLATES } from '../../main/templates/builtin/builtin-templates';
import { includedByFiles, matchingFiles, topLevelYamlList, topLevelYamlScalar } from '../support/package-globs';

/**
 * `npm start` and the packaged app open only if every file the Electron shell resolves at launch is
 * where the build puts it. One real build, then each path main/electron/ uses is checked.
 */
const root = resolve(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; type?: string };
const builderYaml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
const files = topLevelYamlList(builderYaml, 'files');
const asarUnpack = topLevelYamlList(builderYaml, 'asarUnpack');
const paths = desktopPaths(root);
const rel = (path: string) => relative(root, path).split('\\').join('/');

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'pipe' });
}, 240_000);

describe('the desktop app after npm run build', () => {
  it("has the Electron main bundle that package.json's main names, loadable as ESM", () => {
    expect(pkg.main).toBe('dist/main/electron.js');
    const main = join(root, pkg.main);
    expect(statSync(main).isFile()).toBe(true);
    // "type": "module" makes a .js file ESM; the bundle is ESM (it uses import.meta.url).
    expect(pkg.type).toBe('module');
    const bundle = readFileSync(main, 'utf8');
    expect(bundle).toMatch(/^import .* from "electron";$/m);
    expect(bundle).not.toMatch(/\brequire\("electron"\)/);
    // Node parses it with the same module rules Electron applies to package.json's main.
    execFileSync(process.execPath, ['--check', main], { cwd: root, stdio: 'pipe' });
  });

  it('finds the installation folder from the bundle the way the running app does', () => {
    expect(packageRoot(join(root, 'dist', 'main'))).toBe(root);
  });

  it('has the sandboxed preload BrowserWindow loads, as a single CJS file', () => {
    expect(rel(paths.preload)).toBe('dist/preload/preload.cjs');
    expect(statSync(paths.preload).isFile()).toBe(true);
    const preload = readFileSync(paths.preload, 'utf8');
    expect(preload).toMatch(/require\("electron"\)/);
    expect(preload).not.toMatch(/^import /m);
  });

  it('serves the renderer index.html at app://pamdesk/, with every script and style it names', async () => {
    expect(statSync(paths.rendererIndex).isFile()).toBe(true);
    const page = await readRendererFile(paths.rendererDir, '/');
    expect(page?.contentType).toBe('text/html; charset=utf-8');
    const html = page?.body.toString('utf8') ?? '';
    const assets = [...html.matchAll(/(?:src|href)="(\.?\/[^"]+)"/g)].map((m) => new URL(m[1] ?? '', 'app://pamdesk/').pathname);
    expect(assets.length).toBeGreaterThan(1);
    for (const asset of assets) {
      expect(existsSync(join(paths.rendererDir, asset)), asset).toBe(true);
      expect((await readRendererFile(paths.rendererDir, asset))?.contentType, asset).not.toBe('text/html; charset=utf-8');
    }
  });

  it('has every built-in template the vault installs when it opens', () => {
    for (const template of BUILTIN_TEMPLATES) expect(statSync(join(paths.builtinTemplates, template.file)).isFile(), template.file).toBe(true);
  });
});

describe('electron-builder.yml', () => {
  it('does not name a main of its own: package.json main is the one', () => {
    expect(builderYaml).not.toMatch(/^\s+main:/m);
  });

  it("puts every path the app resolves at launch into the package", () => {
    const needed = ['package.json', pkg.main, rel(paths.preload), rel(paths.rendererIndex), ...BUILTIN_TEMPLATES.map((t) => rel(join(paths.builtinTemplates, t.file)))];
    for (const path of needed) expect(includedByFiles(files, path), path).toBe(true);
    // Source maps stay out of the package.
    expect(includedByFiles(files, `${pkg.main}.map`)).toBe(false);
  });

  it('has no files glob that matches nothing', () => {
    for (const glob of files.filter((g) => !g.startsWith('!'))) expect(matchingFiles(root, glob, 1), glob).not.toEqual([]);
  });

  it('has no asarUnpack glob that matches nothing, and unpacks every compiled native module', () => {
    for (const glob of asarUnpack) expect(matchingFiles(root, glob, 1), glob).not.toEqual([]);
    for (const native of ['better-sqlite3-multiple-ciphers', 'keytar']) {
      const addons = matchingFiles(root, `node_modules/${native}/**/*.node`);
      expect(addons.length, native).toBeGreaterThan(0);
      for (const addon of addons) expect(asarUnpack.some((glob) => matchingFiles(root, glob).includes(addon)), addon).toBe(true);
    }
  });

  it('runs the fuses hook after packing, and the hook file exists', () => {
    const hook = topLevelYamlScalar(builderYaml, 'afterPack');
    expect(hook).toBe('scripts/after-pack.mjs');
    expect(statSync(join(root, hook ?? '')).isFile()).toBe(true);
  });
});
