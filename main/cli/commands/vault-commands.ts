import type { Command } from '../command';
import { openCliCore } from '../cli-core';
import { readPassphrase } from '../passphrase-source';
import { cliUsername } from '../signed-in';

export const vaultInitCommand: Command = {
  path: ['vault', 'init'],
  requires: 'public',
  summary: 'Create the vault in the data folder, with NAME as its first administrator.',
  usage: 'vault init --user NAME',
  options: { user: { type: 'string' } },
  optionHelp: { user: 'the first administrator (or PAMDESK_USER); the passphrase comes from PAMDESK_NEW_PASSPHRASE or a prompt' },
  async run(context, values) {
    const username = cliUsername(context, values);
    const passphrase = await readPassphrase(context.env, 'PAMDESK_NEW_PASSPHRASE', `New passphrase for ${username}: `);
    const cli = openCliCore(context);
    try {
      const session = await cli.call('vault.create', { username, passphrase });
      context.io.out(
        context.json
          ? JSON.stringify({ dataDir: context.dataDir, administrator: session.username })
          : `Created the vault in ${context.dataDir}; ${session.username} is its administrator.`,
      );
      return 0;
    } finally {
      await cli.close();
    }
  },
};

export const vaultStatusCommand: Command = {
  path: ['vault', 'status'],
  requires: 'public',
  summary: 'Say whether the data folder holds a vault, and whether it is locked.',
  usage: 'vault status [--json]',
  options: {},
  async run(context) {
    const cli = openCliCore(context);
    try {
      const status = await cli.call('core.status', {});
      context.io.out(context.json ? JSON.stringify({ dataDir: status.dataDir, vault: status.vault }) : `vault: ${status.vault} (${status.dataDir})`);
      return 0;
    } finally {
      await cli.close();
    }
  },
};
