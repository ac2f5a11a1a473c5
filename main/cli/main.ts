import { COMMANDS } from './commands';
import { runCli } from './run-cli';

const code = await runCli(process.argv.slice(2), COMMANDS, {
  io: { out: (text) => process.stdout.write(`${text}\n`), err: (text) => process.stderr.write(`${text}\n`) },
  env: process.env,
  stdin: process.stdin,
});
process.exitCode = code;
