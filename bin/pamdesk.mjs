#!/usr/bin/env node
// The `pamdesk` command: runs the bundled CLI (npm run build makes it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('pamdesk: the CLI is not built yet. Run `npm run build` in the pamdesk folder first.\n');
  process.exit(1);
}
await import(cli);
