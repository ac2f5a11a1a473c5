import type { ResetResult } from '../../../shared/contract/reset-channels';
import { replacementReasonLabel } from '../../../shared/domain/secret-history';
import { UsageError, type Command } from '../command';
import { withSignedInCli } from '../signed-in';

/** Password history from the terminal, on the same channels as the credential details dialog. */

const identityOptions = { user: { type: 'string' } } as const;
const identityHelp = { user: 'who you are (or PAMDESK_USER); the passphrase comes from PAMDESK_PASSPHRASE or a prompt' };

function entryNumber(text: string | undefined, what: string): number {
  if (text === undefined || !/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`${what} is a history entry number as listed by "pamdesk credential history ID" (a whole number from 1).`);
  return Number(text);
}

export const credentialHistoryCommand: Command = {
  path: ['credential', 'history'],
  requires: 'vault.read',
  summary: "List a credential's previous secrets (when, why and by whom each was replaced; never the secrets).",
  usage: 'credential history ID|IDENTIFIER [--json] --user NAME',
  options: identityOptions,
  optionHelp: identityHelp,
  async run(context, values, positionals) {
    const [refText] = positionals;
    if (!refText || positionals.length > 1) throw new UsageError('name exactly one credential, by id or identifier.');
    return withSignedInCli(context, values, async (cli) => {
      const credential = await cli.call('credential.get', { ref: /^\d+$/.test(refText) ? Number(refText) : refText });
      const entries = await cli.call('credential.history', { id: credential.id });
      if (context.json) {
        context.io.out(JSON.stringify(entries, null, 2));
      } else {
        for (const e of entries) context.io.out([e.id, e.replacedAt, replacementReasonLabel(e.reason), e.operationCode ?? '-', e.replacedBy].join('\t'));
        context.io.err(`${entries.length} previous secret(s) of ${credential.identifier}`);
      }
      return 0;
    });
  },
};

export const credentialRevealHistoryCommand: Command = {
  path: ['credential', 'reveal-history'],
  requires: 'credential.reveal',
  summary: 'Print one previous secret of a credential (recorded in the audit trail).',
  usage: 'credential reveal-history ID|IDENTIFIER ENTRY [--json] --user NAME',
  options: identityOptions,
  optionHelp: identityHelp,
  async run(context, values, positionals) {
    const [refText, entryText] = positionals;
    if (!refText || positionals.length !== 2) throw new UsageError('name the credential (id or identifier) and the history entry number.');
    const entryId = entryNumber(entryText, 'ENTRY');
    return withSignedInCli(context, values, async (cli) => {
      const credential = await cli.call('credential.get', { ref: /^\d+$/.test(refText) ? Number(refText) : refText });
      // Checked before the reveal so a mistyped pair reveals nothing (and audits nothing).
      const entries = await cli.call('credential.history', { id: credential.id });
      if (!entries.some((e) => e.id === entryId)) {
        context.io.err(`${credential.identifier} has no history entry ${entryId}; "pamdesk credential history ${refText}" lists its entries.`);
        return 1;
      }
      const revealed = await cli.call('credential.revealHistory', { entryId });
      context.io.out(context.json ? JSON.stringify({ ...revealed.entry, secret: revealed.secret }, null, 2) : revealed.secret);
      return 0;
    });
  },
};

export const credentialRestoreHistoryCommand: Command = {
  path: ['credential', 'restore-history'],
  requires: 'credential.write',
  summary: "Make a previous secret the credential's secret again, in the vault only (a vault-only reset; a verify follows).",
  usage: 'credential restore-history ENTRY [--accept-insync-loss] [--json] --user NAME',
  options: { ...identityOptions, 'accept-insync-loss': { type: 'boolean' } },
  optionHelp: { ...identityHelp, 'accept-insync-loss': 'on an InSync credential: confirm that it loses InSync until the verify' },
  async run(context, values, positionals) {
    if (positionals.length !== 1) throw new UsageError('name exactly one history entry number.');
    const entryId = entryNumber(positionals[0], 'ENTRY');
    return withSignedInCli(context, values, async (cli) => {
      const result = await cli.call('credential.restoreHistory', { entryId, acceptInSyncLoss: values['accept-insync-loss'] === true });
      context.io.out(context.json ? JSON.stringify(result, null, 2) : describeRestore(entryId, result));
      return 0;
    });
  },
};

function describeRestore(entryId: number, result: ResetResult): string {
  if (result.mode === 'target') return `History entry ${entryId}: the change goes to the target as ${result.operationCode}.`;
  return `History entry ${entryId} is the credential's secret again in the vault${result.verifyOperationCode ? `; ${result.verifyOperationCode} verifies it against the target` : ''}.`;
}
