import { OPERATION_STATES, OPERATION_TYPES, type OperationFilter, type OperationStateName, type OperationTypeName, type OperationView } from '../../../shared/contract/operation-channels';
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

const REQUEST_CHANNEL = { rotate: 'operation.requestChange', verify: 'operation.requestVerify', reconcile: 'operation.requestReconcile' } as const;

function requestCommand(word: keyof typeof REQUEST_CHANNEL, summary: string): Command {
  const channel = REQUEST_CHANNEL[word];
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
export const reconcileCommand = requestCommand(
  'reconcile',
  'Request a reconciliation (seed 002): the reconciliation credential sets a fresh secret; refused for credentials without one configured or with an open change.',
);

function operationLine(op: OperationView): string {
  return [op.code, op.state.padEnd(16), op.type.padEnd(22), op.identifier, `${op.hostname}`, `${op.attemptsMade}/${op.maxAttempts}`, op.message ?? ''].join('  ');
}

/** Seed 000's filters, as the Operations view offers them. */
const LIST_FILTERS = {
  state: 'only operations in this state (repeat for several)',
  type: 'only operations of this type (repeat for several)',
  code: 'code contains this text',
  username: "credential's username contains this text",
  device: "device's hostname or IP contains this text",
  vendor: "device's manufacturer contains this text",
  model: "device's model contains this text",
  website: "device's website: a host or a URL (devices reached over HTTP(S) or registered as a URL)",
  tag: "a whole tag of the device (repeat: any of them)",
  requester: 'requested by this user',
  credential: 'only operations of this credential (id or identifier)',
} as const;

function listFilter(values: Readonly<Record<string, unknown>>): Omit<OperationFilter, 'credentialId'> {
  const many = (key: string): string[] => {
    const value = values[key];
    return value === undefined ? [] : (Array.isArray(value) ? value : [value]).map(String);
  };
  const states = many('state');
  const badState = states.find((state) => !(OPERATION_STATES as readonly string[]).includes(state));
  if (badState !== undefined) throw new UsageError(`--state ${badState}: use one of ${OPERATION_STATES.join(', ')}.`);
  const types = many('type');
  const badType = types.find((type) => !(OPERATION_TYPES as readonly string[]).includes(type));
  if (badType !== undefined) throw new UsageError(`--type ${badType}: use one of ${OPERATION_TYPES.join(', ')}.`);
  const filter: Record<string, unknown> = { limit: 500, offset: 0 };
  if (states.length > 0) filter['states'] = states as OperationStateName[];
  if (types.length > 0) filter['types'] = types as OperationTypeName[];
  if (many('tag').length > 0) filter['tags'] = many('tag');
  for (const key of ['code', 'username', 'device', 'vendor', 'model', 'website', 'requester'] as const) {
    const value = values[key];
    if (typeof value === 'string' && value.trim() !== '') filter[key] = value;
  }
  return filter as Omit<OperationFilter, 'credentialId'>;
}

export const operationsListCommand: Command = {
  path: ['operations', 'list'],
  requires: 'operation.read',
  summary: "List operations, newest first, with seed 000's filters.",
  usage: `operations list [--state ${OPERATION_STATES.join('|')}]... [--type TYPE]... [--tag TAG]... [--website HOST|URL] [--device TEXT] [--credential ID|IDENTIFIER] [--json] --user NAME`,
  options: {
    ...identity,
    state: { type: 'string', multiple: true },
    type: { type: 'string', multiple: true },
    tag: { type: 'string', multiple: true },
    code: { type: 'string' },
    username: { type: 'string' },
    device: { type: 'string' },
    vendor: { type: 'string' },
    model: { type: 'string' },
    website: { type: 'string' },
    requester: { type: 'string' },
    credential: { type: 'string' },
  },
  optionHelp: { ...identityHelp, ...LIST_FILTERS },
  run: async (context, values) => {
    const filter = listFilter(values);
    const credential = values['credential'];
    return withSignedInCli(context, values, async (cli) => {
      const credentialId = typeof credential === 'string' ? (await credentialIds(cli, [credential]))[0] : undefined;
      const page = await cli.call('operation.list', { ...filter, ...(credentialId === undefined ? {} : { credentialId }) });
      if (context.json) context.io.out(JSON.stringify(page, null, 2));
      else page.rows.forEach((op) => context.io.out(operationLine(op)));
      return 0;
    });
  },
};

export const operationsShowCommand: Command = {
  path: ['operations', 'show'],
  requires: 'operation.read',
  summary: "Show one operation's details (the Operations view's Details).",
  usage: 'operations show CODE [--json] --user NAME',
  options: identity,
  optionHelp: identityHelp,
  run: async (context, values, positionals) => {
    const [code] = positionals;
    if (!code || positionals.length > 1) throw new UsageError('name exactly one operation code, e.g. OP-000042.');
    return withSignedInCli(context, values, async (cli) => {
      const op = await cli.call('operation.get', { code });
      if (context.json) context.io.out(JSON.stringify(op, null, 2));
      else {
        const rows: [string, string | number | null][] = [
          ['code', op.code],
          ['state', op.state],
          ['type', op.type],
          ['credential', `${op.identifier} (${op.username})`],
          ['device', `${op.hostname} (${op.ip})`],
          ['tags', op.tags.join(', ')],
          ['template', op.templateName === null ? null : `${op.templateName} v${op.templateVersion ?? '?'}`],
          ['requester', op.requester],
          ['trigger', op.trigger],
          ['scheduled', op.scheduledAt],
          ['started', op.startedAt],
          ['finished', op.finishedAt],
          ['attempts', `${op.attemptsMade}/${op.maxAttempts}`],
          ['parent', op.parentCode],
          ['message', op.message],
        ];
        context.io.out(rows.map(([k, v]) => `${`${k}:`.padEnd(12)} ${v === null || v === '' ? '-' : v}`).join('\n'));
      }
      return 0;
    });
  },
};

export const operationsPendingCommand: Command = {
  path: ['operations', 'pending'],
  requires: 'operation.read',
  summary: 'The Approvals view\'s operations: those Awaiting approval, oldest first, with criticality and expiry; yours are marked (another approver decides them).',
  usage: 'operations pending [--json] --user NAME',
  options: identity,
  optionHelp: identityHelp,
  run: (context, values) =>
    withSignedInCli(context, values, async (cli) => {
      const { rows } = await cli.call('operation.pendingApprovals', {});
      if (context.json) context.io.out(JSON.stringify(rows, null, 2));
      else rows.forEach((op) => context.io.out([op.code, op.type.padEnd(22), op.identifier, `criticality ${op.criticality ?? '-'}`, `by ${op.requester}`, `expires ${op.expiresAt}`, op.ownRequest ? '(your request)' : ''].join('  ').trimEnd()));
      return 0;
    }),
};

const OUTCOMES = ['success', 'error', 'unverified', 'interrupted'] as const;

export const attemptsListCommand: Command = {
  path: ['attempts', 'list'],
  requires: 'operation.read',
  summary: "Seed 000's List attempted operations: every attempt, newest first (transcripts with --json, masked).",
  usage: `attempts list [--outcome ${OUTCOMES.join('|')}] [--json] --user NAME`,
  options: { ...identity, outcome: { type: 'string' } },
  optionHelp: { ...identityHelp, outcome: 'only attempts that ended this way' },
  run: async (context, values) => {
    const outcome = values['outcome'];
    if (outcome !== undefined && !(OUTCOMES as readonly unknown[]).includes(outcome)) throw new UsageError(`--outcome must be one of ${OUTCOMES.join(', ')}.`);
    return withSignedInCli(context, values, async (cli) => {
      const page = await cli.call('attempt.list', { offset: 0, limit: 500, ...(outcome ? { outcome: outcome as (typeof OUTCOMES)[number] } : {}) });
      if (context.json) context.io.out(JSON.stringify(page, null, 2));
      else page.rows.forEach((a) => context.io.out([a.operationCode, `#${a.number}`, (a.outcome ?? 'running').padEnd(11), a.identifier, a.hostname, a.startedAt, a.error ?? ''].join('  ')));
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
