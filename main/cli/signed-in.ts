import { UsageError, type CommandContext, type ParsedValues } from './command';
import type { CoreOptions } from '../core/create-core';
import { openCliCore, type CliCore } from './cli-core';
import { readPassphrase } from './passphrase-source';

/** The CLI's identity: --user NAME, else PAMDESK_USER. */
export function cliUsername(context: CommandContext, values: ParsedValues): string {
  const fromFlag = values['user'];
  const username = typeof fromFlag === 'string' ? fromFlag : context.env['PAMDESK_USER'];
  if (!username) throw new UsageError('say who you are: --user NAME, or PAMDESK_USER in the environment.');
  return username;
}

/**
 * Opens the core, signs in as the CLI's user through the same router and checks as the UI (so a
 * role's limits apply here too), runs the work, then signs out and drops the keys.
 */
export async function withSignedInCli<T>(context: CommandContext, values: ParsedValues, work: (cli: CliCore) => Promise<T>, execution?: CoreOptions['execution']): Promise<T> {
  const username = cliUsername(context, values);
  const passphrase = await readPassphrase(context.env, 'PAMDESK_PASSPHRASE', `Passphrase for ${username}: `);
  const cli = openCliCore(context, execution);
  try {
    await cli.call('session.unlock', { username, passphrase, remember: false });
    return await work(cli);
  } finally {
    await cli.close();
  }
}
