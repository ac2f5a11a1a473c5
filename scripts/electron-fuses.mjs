// The Electron fuses of the packaged app: switches compiled into the Electron binary that no
// command-line flag or environment variable can turn back on. pamdesk holds the keys of a vault of
// root passwords, so the packaged binary must not double as a Node interpreter, an inspector
// target, or a loader of code from outside its own signed archive.
import { join } from 'node:path';

/** Every fuse @electron/fuses knows, decided (strictlyRequireAllFuses makes a new one fail the build). */
export const REQUIRED_FUSES = Object.freeze({
  // ELECTRON_RUN_AS_NODE=1 would turn pamdesk into a plain node that runs any script.
  RunAsNode: false,
  // Cookies and other Chromium storage encrypted with the OS keychain.
  EnableCookieEncryption: true,
  // NODE_OPTIONS (e.g. --require evil.js) ignored.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect and friends ignored: no debugger attach to the main process and its keys.
  EnableNodeCliInspectArguments: false,
  // app.asar checked against the hash embedded at build time (macOS and Windows).
  EnableEmbeddedAsarIntegrityValidation: true,
  // Only app.asar is loaded: no app folder dropped next to it takes its place.
  OnlyLoadAppFromAsar: true,
  // Not used by pamdesk: left at Electron's safe defaults, but decided here.
  LoadBrowserProcessSpecificV8Snapshot: false,
  // pamdesk serves its page from app://, never file://.
  GrantFileProtocolExtraPrivileges: false,
});

/**
 * The flipFuses configuration, built with the enums of the installed @electron/fuses (passed in as
 * `fuses`, its module namespace) so that a renamed or removed fuse fails loudly.
 */
export function fuseConfig(fuses, platform) {
  const config = {
    version: fuses.FuseVersion.V1,
    strictlyRequireAllFuses: true,
    // Flipping a fuse changes the binary: re-sign ad hoc so macOS still runs it until the real
    // signature is applied after this hook.
    resetAdHocDarwinSignature: platform === 'darwin' || platform === 'mas',
  };
  for (const [name, value] of Object.entries(REQUIRED_FUSES)) {
    const index = fuses.FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`@electron/fuses has no fuse named ${name}: update scripts/electron-fuses.mjs.`);
    config[index] = value;
  }
  return config;
}

/** The packaged Electron binary in electron-builder's output folder for one platform. */
export function packagedElectron(appOutDir, platform, productFilename, executableName) {
  if (platform === 'darwin' || platform === 'mas') return join(appOutDir, `${productFilename}.app`);
  if (platform === 'win32') return join(appOutDir, `${productFilename}.exe`);
  return join(appOutDir, executableName);
}
