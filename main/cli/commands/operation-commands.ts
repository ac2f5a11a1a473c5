import { OPERATION_STATES, type OperationStateName, type OperationView } from '../../../shared/contract/operation-channels';
import { UsageError, type Command, type CommandContext } from '../command';
import type { CliCore } from '../cli-core';
import { withSignedInCli } from '../signed-in';

const identity = { user: { type: 'string' } } as const;
const identityHelp = { user: 'who you are (or PAMDESK_USER); the passphrase comes from PAMDESK_PASSPHRASE or a prompt' };

/** Credentials named by id or identifier on the command line, resolved to ids. */
async function credentialIds(cli: CliCore, refs: readonly string[]): Promise<number[]> {
  if (refs.length === 0) throw new UsageError('name at least one credential, by id or identifier.');
  const ids: number[] = [];
  for (const ref of refs) ids.push((await cli.call('credential.get', { ref: /^\d+$/.test(ref) ? Number(ref) : ref })).id);
  return ids;
}

function printRequest(context: CommandContext, result: { scheduled: readonly { credentialId: number; code: string }[]; refused: readonly { credentialId: number; reason: string }[] }): number {
  if (context.json) context.io.out(JSON.stringify(result, null, 2));
  else {
    for (const s of result.scheduled) context.io.out(`scheduled ${s.code} for credential ${s.credentialId}`);
    for (const r of result.refused) context.io.err(`refused credential ${r.credentialId}: ${r.reason}`);
  }
  return result.refused.length > 0 ? 1 : 0;
}

function requestCommand(word: 'rotate' | 'verify', summary: string): Command {
  const channel = word === 'rotate' ? 'operation.requestChange' : 'operation.requestVerify';
  return {
    path: [word],
    requires: 'operation.request',
    summary,
    usage: `${word} ID|IDENTIFIER... --user NAME`,
    options: identity,
    optionHelp: identityHelp,
    run: (context, values, positionals) =>
      withSignedInCli(context, values, async (cli) => printRequest(context, await cli.call(channel, { credentialIds: await credentialIds(cli, positionals) }))),
  };
}

export const rotateCommand = requestCommand('rotate', 'Request a password change now (seed 000: active credentials with automatic change configured).');
export const verifyCommand = requestCommand('verify', "Request a verification: a fresh login with the vault's secret, recording InSync or NotInSync.");

function operationLine(op: OperationView): string {
  return [op.code, op.state.padEnd(16), op.type.padEnd(22), op.identifier, `${op.hostname}`, `${op.attemptsMade}/${op.maxAttempts}`, op.message ?? ''].join('  ');
}

export const operationsListCommand: Command = {
  path: ['operations', 'list'],
  requires: 'operation.read',
  summary: 'List operations, newest first.',
  usage: `operations list [--state ${OPERATION_STATES.join('|')}] [--json] --user NAME`,
  options: { ...identity, state: { type: 'string' } },
  optionHelp: { ...identityHelp, state: 'only operations in this state' },
  run: async (context, values) => {
    const state = values['state'];
    if (state !== undefined && !(OPERATION_STATES as readonly unknown[]).includes(state)) throw new UsageError(`--state must be one of ${OPERATION_STATES.join(', ')}.`);
    return withSignedInCli(context, values, async (cli) => {
      const page = await cli.call('operation.list', { ...(state ? { states: [state as OperationStateName] } : {}), limit: 500, offset: 0 });
      if (context.json) context.io.out(JSON.stringify(page, null, 2));
      else page.rows.forEach((op) => context.io.out(operationLine(op)));
      return 0;
    });
  },
};

export const operationsAttemptsCommand: Command = {
  path: ['operations', 'attempts'],
  requires: 'operation.read',
  summary: "Show an operation's attempts with their masked transcripts.",
  usage: 'operations attempts CODE [--json] --user NAME',
  options: identity,
  optionHelp: identityHelp,
  run: async (context, values, positionals) => {
    const [code] = positionals;
    if (!code || positionals.length > 1) throw new UsageError('name exactly one operation code, e.g. OP-000042.');
    return withSignedInCli(context, values, async (cli) => {
      const attempts = await cli.call('operation.attempts', { code });
      if (context.json) context.io.out(JSON.stringify(attempts, null, 2));
      else {
        for (const a of attempts) {
          context.io.out(`attempt ${a.number}: ${a.outcome ?? 'running'} (${a.startedAt} - ${a.endedAt ?? '…'})${a.error ? `: ${a.error}` : ''}`);
          if (a.transcript) context.io.out(a.transcript.replace(/^/gm, '    '));
        }
      }
      return 0;
    });
  },
};

function operationAction(word: 'cancel' | 'restart' | 'now', summary: string): Command {
  const channel = word === 'cancel' ? 'operation.cancel' : word === 'restart' ? 'operation.restart' : 'operation.now';
  return {
    path: ['operations', word],
    requires: 'operation.request',
    summary,
    usage: `operations ${word} CODE --user NAME`,
    options: identity,
    optionHelp: identityHelp,
    run: async (context, values, positionals) => {
      const [code] = positionals;
      if (!code || positionals.length > 1) throw new UsageError('name exactly one operation code, e.g. OP-000042.');
      return withSignedInCli(context, values, async (cli) => {
        const op = await cli.call(channel, { code });
        context.io.out(context.json ? JSON.stringify(op) : operationLine(op));
        return 0;
      });
    },
  };
}

export const operationsCancelCommand = operationAction('cancel', 'Cancel an operation that is Scheduled or Awaiting approval.');
export const operationsRestartCommand = operationAction('restart', 'Restart an operation that ended in Error.');
export const operationsNowCommand = operationAction('now', 'Request immediate execution: move a Scheduled operation to the front of the queue.');

function decisionCommand(word: 'approve' | 'reject'): Command {
  return {
    path: ['operations', word],
    requires: 'operation.approve',
    summary: `${word === 'approve' ? 'Approve' : 'Reject'} an operation Awaiting approval (not one you requested), with a justification.`,
    usage: `operations ${word} CODE --justification TEXT --user NAME`,
    options: { ...identity, justification: { type: 'string' } },
    optionHelp: { ...identityHelp, justification: 'why (kept in the audit trail)' },
    run: async (context, values, positionals) => {
      const [code] = positionals;
      if (!code || positionals.length > 1) throw new UsageError('name exactly one operation code, e.g. OP-000042.');
      const justification = values['justification'];
      if (typeof justification !== 'string' || justification.trim() === '') throw new UsageError('give a justification: --justification TEXT.');
      return withSignedInCli(context, values, async (cli) => {
        const op = await cli.call(word === 'approve' ? 'operation.approve' : 'operation.reject', { code, justification });
        context.io.out(context.json ? JSON.stringify(op) : operationLine(op));
        return 0;
      });
    },
  };
}

export const operationsApproveCommand = decisionCommand('approve');
export const operationsRejectCommand = decisionCommand('reject');

export const operationsSettleCommand: Command = {
  path: ['operations', 'settle'],
  requires: 'operation.settle',
  summary: 'Settle an Unverified change by saying which secret the target holds (administrators; audited; no login proof).',
  usage: 'operations settle CODE --target-holds candidate|current [--json] --user NAME',
  options: { ...identity, 'target-holds': { type: 'string' } },
  optionHelp: {
    ...identityHelp,
    'target-holds': 'candidate: the vault adopts the kept candidate; current: the candidate is discarded and the change ends in Error',
  },
  run: async (context, values, positionals) => {
    const [code] = positionals;
    if (!code || positionals.length > 1) throw new UsageError('name exactly one operation code, e.g. OP-000042.');
    const holds = values['target-holds'];
    if (holds !== 'candidate' && holds !== 'current') throw new UsageError('--target-holds must be candidate or current: say which secret the target holds.');
    return withSignedInCli(context, values, async (cli) => {
      const op = await cli.call('operation.settle', { code, targetHolds: holds });
      context.io.out(context.json ? JSON.stringify(op) : operationLine(op));
      return 0;
    });
  },
};

export const operationsRevealCandidateCommand: Command = {
  path: ['operations', 'reveal-candidate'],
  requires: 'credential.reveal',
  summary: 'Print the candidate kept by an Unverified change, to check the target by hand (recorded in the audit trail).',
  usage: 'operations reveal-candidate CODE [--json] --user NAME',
  options: identity,
  optionHelp: identityHelp,
  run: async (context, values, positionals) => {
    const [code] = positionals;
    if (!code || positionals.length > 1) throw new UsageError('name exactly one operation code, e.g. OP-000042.');
    return withSignedInCli(context, values, async (cli) => {
      const { secret } = await cli.call('operation.revealCandidate', { code });
      context.io.out(context.json ? JSON.stringify({ code, secret }) : secret);
      return 0;
    });
  },
};
