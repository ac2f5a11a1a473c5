import * as fuses from '@electron/fuses';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fuseConfig, packagedElectron, REQUIRED_FUSES } from '../../scripts/electron-fuses.mjs';

const root = resolve(__dirname, '..', '..');
const { FuseV1Options, FuseVersion } = fuses;

describe('the Electron fuses of the packaged app', () => {
  const config = fuseConfig(fuses, 'linux');

  it('turns off running as Node, NODE_OPTIONS and the inspector flags', () => {
    expect(config[FuseV1Options.RunAsNode]).toBe(false);
    expect(config[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(config[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
  });

  it('turns on cookie encryption, asar integrity validation and loading only from the asar', () => {
    expect(config[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(config[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(config[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
  });

  it('decides every fuse @electron/fuses knows, and fails the build on one it does not', () => {
    expect(config.version).toBe(FuseVersion.V1);
    expect(config.strictlyRequireAllFuses).toBe(true);
    const known = Object.values(FuseV1Options).filter((v): v is number => typeof v === 'number');
    for (const index of known) expect(typeof config[index], FuseV1Options[index]).toBe('boolean');
    expect(() => fuseConfig({ FuseVersion, FuseV1Options: { RunAsNode: 0 } }, 'linux')).toThrow(/no fuse named EnableCookieEncryption/);
    expect(Object.keys(REQUIRED_FUSES).length).toBe(known.length);
  });

  it('re-signs ad hoc on macOS only, where flipping a fuse breaks the signature', () => {
    expect(config.resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfig(fuses, 'darwin').resetAdHocDarwinSignature).toBe(true);
  });

  it('finds the packaged binary on each platform', () => {
    expect(packagedElectron('/out', 'linux', 'pamdesk', 'pamdesk')).toBe(join('/out', 'pamdesk'));
    expect(packagedElectron('/out', 'win32', 'pamdesk', 'pamdesk')).toBe(join('/out', 'pamdesk.exe'));
    expect(packagedElectron('/out', 'darwin', 'pamdesk', 'pamdesk')).toBe(join('/out', 'pamdesk.app'));
  });

  it('is what the afterPack hook flips', () => {
    const hook = readFileSync(join(root, 'scripts', 'after-pack.mjs'), 'utf8');
    expect(hook).toMatch(/flipFuses\(binary, fuseConfig\(fuses, platform\)\)/);
  });
});
