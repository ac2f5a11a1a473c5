/** Types for scripts/electron-fuses.mjs (the hook stays plain JavaScript so electron-builder can load it). */
export declare const REQUIRED_FUSES: Readonly<Record<string, boolean>>;
export interface FusesModule {
  readonly FuseVersion: { readonly V1: string };
  readonly FuseV1Options: Readonly<Record<string, number | string>>;
}
export declare function fuseConfig(fuses: FusesModule, platform: string): Record<string | number, unknown> & { version: string; strictlyRequireAllFuses: true; resetAdHocDarwinSignature: boolean };
export declare function packagedElectron(appOutDir: string, platform: string, productFilename: string, executableName: string): string;
