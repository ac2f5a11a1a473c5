import type { Command } from './command';
import { GLOBAL_OPTION_HELP } from './global-options';

export function commandHelp(command: Command): string {
  const needs = command.requires === 'public' ? 'no sign-in' : command.requires === 'session' ? 'a signed-in vault user' : `the ${command.requires} permission`;
  const lines = [`Usage: pamdesk ${command.usage}`, '', command.summary, `Requires: ${needs}.`, ''];
  const help = { ...(command.optionHelp ?? {}), ...GLOBAL_OPTION_HELP };
  lines.push('Options:');
  for (const [name, text] of Object.entries(help)) lines.push(`  --${name.padEnd(14)} ${text}`);
  lines.push('', 'Exit codes: 0 ok, 1 failure, 2 usage error.');
  return lines.join('\n');
}

export function overviewHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.path.join(' ').length));
  return [
    'Usage: pamdesk <command> [options]',
    '',
    'pamdesk: the desktop console for privileged-access operators, from the command line.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    'Run `pamdesk <command> --help` for a command\'s options. `pamdesk --version` prints the version.',
    'Exit codes: 0 ok, 1 failure, 2 usage error.',
  ].join('\n');
}
