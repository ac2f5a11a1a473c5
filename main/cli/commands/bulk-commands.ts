import type { BulkDecisionResult } from '../../../shared/contract/bulk-channels';
import { BULK_ACTIONS, BULK_CODE_PATTERN, type BulkAction, type BulkFieldChange, type BulkRequestDetail, type BulkRequestView } from '../../../shared/domain/bulk';
import { UsageError, type Command, type CommandContext, type ParsedValues } from '../command';
import type { CliCore } from '../cli-core';
import { withSignedInCli } from '../signed-in';

const identity = { user: { type: 'string' } } as const;
const identityHelp = { user: 'who you are (or PAMDESK_USER); the passphrase comes from PAMDESK_PASSPHRASE or a prompt' };
const requestOptions = { ...identity, action: { type: 'string' }, ids: { type: 'string' }, set: { type: 'string' } } as const;
const requestHelp = {
  ...identityHelp,
  action: `what to do: ${BULK_ACTIONS.join(', ')}`,
  ids: 'the credentials, by id or identifier, comma-separated',
  set: 'for edit: a JSON object of the fields to change, e.g. \'{"domain":"corp.example","tags":{"mode":"add","tags":["pci"]}}\'',
};

/** A request named on the command line: 42 or BULK-000042. */
function bulkRef(positionals: readonly string[]): number | string {
  const [ref] = positionals;
  if (!ref || positionals.length > 1) throw new UsageError('name exactly one bulk request, e.g. 42 or BULK-000042.');
  if (/^\d+$/.test(ref)) return Number(ref);
  if (BULK_CODE_PATTERN.test(ref)) return ref;
  throw new UsageError(`"${ref}" is not a bulk request id or code (BULK-000042).`);
}

interface RequestArgs {
  readonly action: BulkAction;
  readonly refs: readonly string[];
  readonly changes: unknown;
}

function requestArgs(values: ParsedValues): RequestArgs {
  const action = values['action'];
  if (typeof action !== 'string' || !(BULK_ACTIONS as readonly string[]).includes(action)) throw new UsageError(`--action must be one of ${BULK_ACTIONS.join(', ')}.`);
  const ids = values['ids'];
  const refs = typeof ids === 'string' ? ids.split(',').map((s) => s.trim()).filter((s) => s !== '') : [];
  if (refs.length === 0) throw new UsageError('name the credentials: --ids 12,13,web01-root.');
  const set = values['set'];
  let changes: unknown;
  if (typeof set === 'string') {
    try {
      changes = JSON.parse(set);
    } catch (error) {
      throw new UsageError(`--set is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
    }
  }
  if (action === 'edit' && changes === undefined) throw new UsageError('an edit needs --set JSON naming the fields to change.');
  return { action: action as BulkAction, refs, changes };
}

/** Ids as given; identifiers resolved one by one through credential.get (the same router). */
async function credentialIds(cli: CliCore, refs: readonly string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const ref of refs) ids.push(/^\d+$/.test(ref) ? Number(ref) : (await cli.call('credential.get', { ref })).id);
  return ids;
}

function payload(args: RequestArgs, ids: number[]) {
  // The router validates the shape of --set; here it is only passed on.
  return { action: args.action, credentialIds: ids, ...(args.changes === undefined ? {} : { changes: args.changes as never }) };
}

const show = (value: unknown) => (value === null ? '-' : typeof value === 'string' ? value : JSON.stringify(value));
const changeLine = (c: BulkFieldChange) => `${c.field}: ${show(c.from)} -> ${show(c.to)}`;

function requestLine(r: BulkRequestView): string {
  return [r.code, r.state.padEnd(16), r.action.padEnd(7), `${r.credentialCount} credential(s)`, `by ${r.requestedBy}`, r.requestedAt, `expires ${r.expiresAt}`, `+${r.approvals}/-${r.rejections}`].join('  ');
}

function printDetail(context: CommandContext, r: BulkRequestDetail): void {
  if (context.json) {
    context.io.out(JSON.stringify(r, null, 2));
    return;
  }
  context.io.out(requestLine(r));
  if (r.message) context.io.out(`  ${r.message}`);
  for (const d of r.decisions) context.io.out(`  ${d.decision === 'approve' ? 'approved' : 'rejected'} by ${d.approver} at ${d.decidedAt}: ${d.justification}`);
  for (const t of r.tasks) {
    context.io.out(`  ${t.identifier} (${t.credentialId}) ${t.status}${t.message ? `: ${t.message}` : ''}`);
    for (const c of t.changes) context.io.out(`      ${changeLine(c)}`);
  }
}

export const bulkPreviewCommand: Command = {
  path: ['bulk', 'preview'],
  requires: 'bulk.request',
  summary: 'Review a bulk action without requesting it: each credential\'s From/To or why it is left out, and the blast radius.',
  usage: `bulk preview --action ${BULK_ACTIONS.join('|')} --ids ID,... [--set JSON] [--json] --user NAME`,
  options: requestOptions,
  optionHelp: requestHelp,
  async run(context, values) {
    const args = requestArgs(values);
    return withSignedInCli(context, values, async (cli) => {
      const preview = await cli.call('bulk.preview', payload(args, await credentialIds(cli, args.refs)));
      if (context.json) context.io.out(JSON.stringify(preview, null, 2));
      else {
        for (const item of preview.items) {
          context.io.out(`${item.identifier} (${item.id}) ${item.eligible ? '' : `NOT ELIGIBLE: ${item.reason ?? ''}`}`);
          for (const c of item.changes) context.io.out(`    ${changeLine(c)}`);
        }
        if (preview.items.length < preview.total) context.io.out(`(the first ${preview.items.length} of ${preview.total} listed, the ineligible first; the counts below cover all)`);
        const b = preview.blastRadius;
        context.io.out(`${b.credentials} credential(s) would change, ${b.unchanged} already so, ${b.ineligible} not eligible. Per field: ${JSON.stringify(b.perField)}`);
      }
      return preview.blastRadius.ineligible > 0 ? 1 : 0;
    });
  },
};

export const bulkRequestCommand: Command = {
  path: ['bulk', 'request'],
  requires: 'bulk.request',
  summary: 'Request a bulk action (edit, enable, disable, expire); it takes effect only when another person approves it.',
  usage: `bulk request --action ${BULK_ACTIONS.join('|')} --ids ID,... [--set JSON] [--json] --user NAME`,
  options: requestOptions,
  optionHelp: requestHelp,
  async run(context, values) {
    const args = requestArgs(values);
    return withSignedInCli(context, values, async (cli) => {
      const request = await cli.call('bulk.request', payload(args, await credentialIds(cli, args.refs)));
      if (context.json) context.io.out(JSON.stringify(request, null, 2));
      else context.io.out(`Requested ${request.code}: ${request.action} of ${request.credentialCount} credential(s), pending approval until ${request.expiresAt}.`);
      return 0;
    });
  },
};

export const bulkListCommand: Command = {
  path: ['bulk', 'list'],
  requires: 'bulk.read',
  summary: 'List bulk requests, newest first (approvers and auditors see all; others their own).',
  usage: 'bulk list [--json] --user NAME',
  options: identity,
  optionHelp: identityHelp,
  run: (context, values) =>
    withSignedInCli(context, values, async (cli) => {
      const page = await cli.call('bulk.list', { limit: 500 });
      if (context.json) context.io.out(JSON.stringify(page, null, 2));
      else page.rows.forEach((r) => context.io.out(requestLine(r)));
      return 0;
    }),
};

export const bulkShowCommand: Command = {
  path: ['bulk', 'show'],
  requires: 'bulk.read',
  summary: 'Show a bulk request: requester, expiry, decisions with justifications, and each task\'s From/To and status.',
  usage: 'bulk show ID|CODE [--json] --user NAME',
  options: identity,
  optionHelp: identityHelp,
  async run(context, values, positionals) {
    const ref = bulkRef(positionals);
    return withSignedInCli(context, values, async (cli) => {
      const detail = await cli.call('bulk.get', { ref });
      // bulk.get carries the first page of tasks; the CLI prints every one, so it reads the rest.
      const tasks = [...detail.tasks];
      while (tasks.length < detail.credentialCount) {
        const page = await cli.call('bulk.tasks', { ref: detail.id, offset: tasks.length });
        if (page.rows.length === 0) break;
        tasks.push(...page.rows);
      }
      printDetail(context, { ...detail, tasks });
      return 0;
    });
  },
};

function printDecision(context: CommandContext, result: BulkDecisionResult): number {
  if (context.json) context.io.out(JSON.stringify(result, null, 2));
  else {
    context.io.out(`${result.code}: ${result.state}${result.message ? `. ${result.message}` : ''}`);
    if (result.operations.length > 0) context.io.out(`Scheduled: ${result.operations.join(', ')}`);
  }
  return result.state === 'Error' ? 1 : 0;
}

function decisionCommand(word: 'approve' | 'reject'): Command {
  return {
    path: ['bulk', word],
    requires: 'bulk.approve',
    summary:
      word === 'approve'
        ? 'Approve a bulk request (not your own) with a justification; it is applied at once, all or nothing.'
        : 'Reject a bulk request (not your own) with a justification; nothing is applied.',
    usage: `bulk ${word} ID|CODE --justification TEXT --user NAME`,
    options: { ...identity, justification: { type: 'string' } },
    optionHelp: { ...identityHelp, justification: 'why: recorded with the decision and shown in the report' },
    async run(context, values, positionals) {
      const ref = bulkRef(positionals);
      const justification = values['justification'];
      if (typeof justification !== 'string' || justification.trim() === '') throw new UsageError('say why: --justification TEXT.');
      return withSignedInCli(context, values, async (cli) => printDecision(context, await cli.call(word === 'approve' ? 'bulk.approve' : 'bulk.reject', { ref, justification })));
    },
  };
}

export const bulkApproveCommand = decisionCommand('approve');
export const bulkRejectCommand = decisionCommand('reject');

export const bulkCancelCommand: Command = {
  path: ['bulk', 'cancel'],
  requires: 'bulk.request',
  summary: 'Withdraw your own bulk request while it is pending approval.',
  usage: 'bulk cancel ID|CODE --user NAME',
  options: identity,
  optionHelp: identityHelp,
  async run(context, values, positionals) {
    const ref = bulkRef(positionals);
    return withSignedInCli(context, values, async (cli) => printDecision(context, await cli.call('bulk.cancel', { ref })));
  },
};
