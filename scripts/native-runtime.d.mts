/** Types for scripts/native-runtime.mjs (run by node directly, so it stays JavaScript). */
export declare const NATIVE: readonly string[];
export declare function electronHeadersUrl(env?: NodeJS.ProcessEnv): string;
export declare function electronRebuildEnv(version: string, env?: NodeJS.ProcessEnv, headersUrl?: string): NodeJS.ProcessEnv;
export declare function ensureNativeFor(target: 'electron' | 'node'): void;
