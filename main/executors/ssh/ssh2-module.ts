import ssh2 from 'ssh2';

/**
 * ssh2 is a CommonJS package: Node's ESM loader cannot see its named exports (`utils` in
 * particular), so `import { utils } from 'ssh2'` breaks the built CLI even where a bundler-aware
 * test runner accepts it. Everything takes ssh2 from here.
 */
export const { Client, Server, utils } = ssh2;
