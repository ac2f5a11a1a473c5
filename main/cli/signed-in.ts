import { AppFailure } from '../../shared/errors';
import type { Permission } from '../../shared/roles';
import { UsageError, type CommandContext, type ParsedValues } from './command';
import type { CoreOptions } from '../core/create-core';
import { requirementRefusal } from '../ipc/permission-check';
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
 * role's limits apply here too), runs the work, then signs out and drops the keys. Work that acts
 * on the core directly rather than through a channel (the runner) names the permission it needs in
 * `requires`, checked by the router's own rule before the work starts.
 */
export async function withSignedInCli<T>(context: CommandContext, values: ParsedValues, work: (cli: CliCore) => Promise<T>, execution?: CoreOptions['execution'], requires?: Permission): Promise<T> {
  const username = cliUsername(context, values);
  const passphrase = await readPassphrase(context.env, 'PAMDESK_PASSPHRASE', `Passphrase for ${username}: `);
  const cli = openCliCore(context, execution);
  try {
    const session = await cli.call('session.unlock', { username, passphrase, remember: false });
    const refusal = requires === undefined ? undefined : requirementRefusal(requires, session);
    if (refusal) throw new AppFailure(refusal.code, refusal.message, refusal.details);
    return await work(cli);
  } finally {
    await cli.close();
  }
}
