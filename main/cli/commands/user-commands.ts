import { ROLES, type Role } from '../../../shared/roles';
import { UsageError, type Command } from '../command';
import { readPassphrase } from '../passphrase-source';
import { withSignedInCli } from '../signed-in';

export const userAddCommand: Command = {
  path: ['user', 'add'],
  requires: 'user.manage',
  summary: 'Add a vault user with a role (administrators only).',
  usage: `user add NAME --role ${ROLES.join('|')} --user ADMIN`,
  options: { role: { type: 'string' }, user: { type: 'string' } },
  optionHelp: {
    role: `the new user's role: ${ROLES.join(', ')}`,
    user: 'who you are (or PAMDESK_USER); your passphrase from PAMDESK_PASSPHRASE, theirs from PAMDESK_NEW_PASSPHRASE, else prompts',
  },
  async run(context, values, positionals) {
    const [name] = positionals;
    if (!name || positionals.length > 1) throw new UsageError('name exactly one new user.');
    const role = values['role'];
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}.`);
    return withSignedInCli(context, values, async (cli) => {
      const passphrase = await readPassphrase(context.env, 'PAMDESK_NEW_PASSPHRASE', `New passphrase for ${name}: `);
      const user = await cli.call('user.add', { username: name, role: role as Role, passphrase });
      context.io.out(context.json ? JSON.stringify(user) : `Added ${user.username} (${user.role}).`);
      return 0;
    });
  },
};
