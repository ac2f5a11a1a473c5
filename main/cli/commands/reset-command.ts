import { RESET_KEY_TYPES, type ResetResult } from '../../../shared/contract/reset-channels';
import { UsageError, type Command } from '../command';
import { readPassphrase } from '../passphrase-source';
import { withSignedInCli } from '../signed-in';

/**
 * PassMan's "Reset credential" (seed 003) from the terminal, on the same `credential.reset` channel
 * as the dialog. A typed secret comes from PAMDESK_NEW_SECRET or a prompt that does not echo, never
 * from a flag; --generate lets main generate it (it is never printed).
 */
export const credentialResetCommand: Command = {
  path: ['credential', 'reset'],
  requires: 'credential.write',
  summary: 'Reset a credential: set a typed or generated secret, on the target (through the runner) or only in the vault.',
  usage: `credential reset ID|IDENTIFIER [--generate] [--key-type ${RESET_KEY_TYPES.join('|')}] [--vault-only] [--accept-insync-loss] [--json] --user NAME`,
  options: { user: { type: 'string' }, generate: { type: 'boolean' }, 'key-type': { type: 'string' }, 'vault-only': { type: 'boolean' }, 'accept-insync-loss': { type: 'boolean' } },
  optionHelp: {
    user: 'who you are (or PAMDESK_USER); the passphrase comes from PAMDESK_PASSPHRASE or a prompt',
    generate: "generate the new secret with the credential's policy (else it comes from PAMDESK_NEW_SECRET or a prompt)",
    'key-type': 'for an SSH key with --generate: the key type to generate',
    'vault-only': 'change only the vault, not the target (the secret must already be the one the target holds)',
    'accept-insync-loss': 'with --vault-only on an InSync credential: confirm that it loses InSync',
  },
  async run(context, values, positionals) {
    const [refText] = positionals;
    if (!refText || positionals.length > 1) throw new UsageError('name exactly one credential, by id or identifier.');
    const keyType = values['key-type'];
    if (keyType !== undefined && !(RESET_KEY_TYPES as readonly unknown[]).includes(keyType)) throw new UsageError(`--key-type must be one of ${RESET_KEY_TYPES.join(', ')}.`);
    if (keyType !== undefined && values['generate'] !== true) throw new UsageError('--key-type goes with --generate: a typed key already has its type.');
    const generate = values['generate'] === true;
    const vaultOnly = values['vault-only'] === true;
    return withSignedInCli(context, values, async (cli) => {
      const credential = await cli.call('credential.get', { ref: /^\d+$/.test(refText) ? Number(refText) : refText });
      const secret = generate ? undefined : await readPassphrase(context.env, 'PAMDESK_NEW_SECRET', `New secret for ${credential.identifier}: `);
      if (secret === '') throw new UsageError('the new secret is empty: type it, set PAMDESK_NEW_SECRET, or use --generate.');
      const result = await cli.call('credential.reset', {
        id: credential.id,
        kind: credential.kind,
        ...(keyType === undefined ? {} : { keyType: keyType as (typeof RESET_KEY_TYPES)[number] }),
        ...(secret === undefined ? {} : { secret }),
        changeOnTarget: !vaultOnly,
        acceptInSyncLoss: values['accept-insync-loss'] === true,
      });
      context.io.out(context.json ? JSON.stringify(result, null, 2) : describeReset(credential.identifier, result));
      return 0;
    });
  },
};

function describeReset(identifier: string, result: ResetResult): string {
  if (result.mode === 'target') return `${identifier}: the change goes to the target as ${result.operationCode}; the vault adopts the secret once the target accepts it.`;
  return `${identifier}: the vault holds the new secret${result.verifyOperationCode ? `; ${result.verifyOperationCode} verifies it against the target` : ''}.`;
}
