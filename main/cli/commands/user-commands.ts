import { AppFailure } from '../../../shared/errors';
import { ROLES, type Role } from '../../../shared/roles';
import { UsageError, type Command, type CommandContext } from '../command';
import type { CliCore } from '../cli-core';
import { readPassphrase } from '../passphrase-source';
import { withSignedInCli } from '../signed-in';

const WHO = { user: { type: 'string' } } as const;
const WHO_HELP = { user: 'who you are, an administrator (or PAMDESK_USER); your passphrase from PAMDESK_PASSPHRASE, else a prompt' };

interface ListedUser {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  readonly state: string;
}

function parseRole(value: unknown): Role {
  if (typeof value !== 'string' || !(ROLES as readonly string[]).includes(value)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}.`);
  return value as Role;
}

function oneName(positionals: readonly string[]): string {
  const [name] = positionals;
  if (!name || positionals.length > 1) throw new UsageError('name exactly one user.');
  return name;
}

/** The channels take user ids; people type names. */
async function userNamed(cli: CliCore, name: string): Promise<ListedUser> {
  const users = (await cli.call('user.list', {})) as readonly ListedUser[];
  const user = users.find((candidate) => candidate.username.toLowerCase() === name.trim().toLowerCase());
  if (!user) throw new AppFailure('NOT_FOUND', `No user named "${name}": see "pamdesk user list".`);
  return user;
}

function print(context: CommandContext, value: unknown, line: string): void {
  context.io.out(context.json ? JSON.stringify(value) : line);
}

export const userListCommand: Command = {
  path: ['user', 'list'],
  requires: 'user.manage',
  summary: 'List the vault users with their role and state (administrators only).',
  usage: 'user list --user ADMIN [--json]',
  options: WHO,
  optionHelp: WHO_HELP,
  async run(context, values) {
    return withSignedInCli(context, values, async (cli) => {
      const users = (await cli.call('user.list', {})) as readonly ListedUser[];
      if (context.json) context.io.out(JSON.stringify(users));
      else for (const user of users) context.io.out(`${user.username}\t${user.role}\t${user.state}`);
      return 0;
    });
  },
};

export const userAddCommand: Command = {
  path: ['user', 'add'],
  requires: 'user.manage',
  summary: 'Add a vault user with a role (administrators only).',
  usage: `user add NAME --role ${ROLES.join('|')} --user ADMIN`,
  options: { role: { type: 'string' }, ...WHO },
  optionHelp: {
    role: `the new user's role: ${ROLES.join(', ')}`,
    user: 'who you are (or PAMDESK_USER); your passphrase from PAMDESK_PASSPHRASE, theirs from PAMDESK_NEW_PASSPHRASE, else prompts',
  },
  async run(context, values, positionals) {
    const name = oneName(positionals);
    const role = parseRole(values['role']);
    return withSignedInCli(context, values, async (cli) => {
      const passphrase = await readPassphrase(context.env, 'PAMDESK_NEW_PASSPHRASE', `New passphrase for ${name}: `);
      const user = await cli.call('user.add', { username: name, role, passphrase });
      print(context, user, `Added ${user.username} (${user.role}).`);
      return 0;
    });
  },
};

export const userRoleCommand: Command = {
  path: ['user', 'role'],
  requires: 'user.manage',
  summary: "Change a user's role; leaving administrator or operator rotates the vault's keys.",
  usage: `user role NAME --role ${ROLES.join('|')} --user ADMIN`,
  options: { role: { type: 'string' }, ...WHO },
  optionHelp: { role: `the new role: ${ROLES.join(', ')}`, ...WHO_HELP },
  async run(context, values, positionals) {
    const name = oneName(positionals);
    const role = parseRole(values['role']);
    return withSignedInCli(context, values, async (cli) => {
      const user = await cli.call('user.setRole', { userId: (await userNamed(cli, name)).id, role });
      print(context, user, `${user.username} is now ${user.role}.`);
      return 0;
    });
  },
};

function stateCommand(word: 'disable' | 'enable'): Command {
  const channel = word === 'disable' ? 'user.disable' : 'user.enable';
  return {
    path: ['user', word],
    requires: 'user.manage',
    summary: word === 'disable' ? 'Disable a user: they cannot sign in and their open sessions end at once.' : 'Enable a disabled user again.',
    usage: `user ${word} NAME --user ADMIN`,
    options: WHO,
    optionHelp: WHO_HELP,
    async run(context, values, positionals) {
      const name = oneName(positionals);
      return withSignedInCli(context, values, async (cli) => {
        const user = await cli.call(channel, { userId: (await userNamed(cli, name)).id });
        print(context, user, `${user.username} is ${user.state}.`);
        return 0;
      });
    },
  };
}

export const userDisableCommand = stateCommand('disable');
export const userEnableCommand = stateCommand('enable');

export const userRemoveCommand: Command = {
  path: ['user', 'remove'],
  requires: 'user.manage',
  summary: "Remove a user: their name stays in the audit trail, the vault's keys rotate, and copies of their key file stop working.",
  usage: 'user remove NAME --user ADMIN',
  options: WHO,
  optionHelp: WHO_HELP,
  async run(context, values, positionals) {
    const name = oneName(positionals);
    return withSignedInCli(context, values, async (cli) => {
      context.io.err(`Removing ${name} and rotating the vault's keys; this re-seals every secret and can take a while.`);
      const user = await cli.call('user.remove', { userId: (await userNamed(cli, name)).id });
      print(context, user, `Removed ${user.username}; the vault's keys are now generation ${user.generation}.`);
      return 0;
    });
  },
};

export const vaultRotateKeysCommand: Command = {
  path: ['vault', 'rotate-keys'],
  requires: 'user.manage',
  summary: "Rotate the vault's keys: new master and secrets keys, every secret re-sealed, the database re-keyed (administrators only).",
  usage: 'vault rotate-keys --user ADMIN [--json]',
  options: WHO,
  optionHelp: { ...WHO_HELP, user: `${WHO_HELP.user}. Run it while no other pamdesk process has the vault open.` },
  async run(context, values) {
    return withSignedInCli(context, values, async (cli) => {
      context.io.err("Rotating the vault's keys; this re-seals every secret and can take a while.");
      const result = await cli.call('vault.rotateKeys', {});
      print(context, result, `The vault's keys are now generation ${result.generation}; ${result.resealed} sealed values were re-sealed.`);
      return 0;
    });
  },
};
