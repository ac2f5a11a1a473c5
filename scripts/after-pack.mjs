// electron-builder's afterPack hook (electron-builder.yml): flips the Electron fuses of the packaged
// binary before it is signed. @electron/fuses must be a devDependency of pamdesk.
import { fuseConfig, packagedElectron } from './electron-fuses.mjs';

export default async function afterPack(context) {
  const fuses = await import('@electron/fuses');
  const platform = context.electronPlatformName;
  const binary = packagedElectron(context.appOutDir, platform, context.packager.appInfo.productFilename, context.packager.executableName);
  await fuses.flipFuses(binary, fuseConfig(fuses, platform));
  console.log(`pamdesk: Electron fuses set on ${binary}`);
}
