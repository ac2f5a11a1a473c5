import type { AuditSignatureCoverage } from '../../../shared/contract/audit';
import { UsageError, type Command } from '../command';
import { withSignedInCli } from '../signed-in';

export const auditVerifyCommand: Command = {
  path: ['audit', 'verify'],
  requires: 'audit.read',
  summary: "Check the audit trail: hash chain, signers' keys and signatures, and the heads users witnessed; names the first bad entry. Exit 1 if rewritten or truncated.",
  usage: 'audit verify [--every-signature] [--json] --user NAME',
  options: { user: { type: 'string' }, 'every-signature': { type: 'boolean' } },
  optionHelp: {
    user: 'who you are (or PAMDESK_USER); needs the audit permission (administrator or auditor)',
    'every-signature': "verify each entry's own signature, not only each signer's newest (which vouches for the chain before it); minutes at a million entries",
  },
  async run(context, values) {
    const everySignature = values['every-signature'] === true;
    return withSignedInCli(context, values, async (cli) => {
      const verdict = await cli.call('audit.verify', everySignature ? { everySignature } : {});
      if (context.json) context.io.out(JSON.stringify(verdict));
      else if (verdict.ok) context.io.out(`Audit trail intact: ${verdict.count} entries verified; ${signaturesText(verdict.signatures)}.`);
      else context.io.out(`Audit trail BROKEN at entry ${verdict.firstBrokenId} (${verdict.kind}): ${verdict.reason} (entries 1-${verdict.count} verified).`);
      return verdict.ok ? 0 : 1;
    });
  },
};

/** Which signatures the verify checked, so a reader knows what "intact" covered. */
export function signaturesText(coverage: AuditSignatureCoverage | undefined): string {
  if (coverage?.mode === 'every') return `signatures: every entry's (${coverage.checked} checked)`;
  const checked = coverage === undefined ? '' : ` (${coverage.checked} checked)`;
  return `signatures: the newest entry of each signer${checked}, to which the hash chain binds the rest; run with --every-signature to check every entry's`;
}

const AUDIT_FORMATS = ['csv', 'json'] as const;

/** CLI dates: a day (2024-05-01) or an ISO date-time with offset; checked again by the channel. */
function dateOption(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw new UsageError(`--${name} takes a date (2024-05-01) or an ISO date-time with offset (2024-05-01T12:00:00Z).`);
  return value;
}

export const auditExportCommand: Command = {
  path: ['audit', 'export'],
  requires: 'audit.read',
  summary: 'Write the audit trail (oldest first, without secrets) to stdout as CSV or JSON; the export is itself audited.',
  usage: 'audit export --format csv|json [--from ISO] [--to ISO] [--actor NAME] [--action PREFIX] --user NAME',
  options: { user: { type: 'string' }, format: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, actor: { type: 'string' }, action: { type: 'string' } },
  optionHelp: {
    user: 'who you are (or PAMDESK_USER); needs the audit permission (administrator or auditor)',
    format: 'csv or json',
    from: 'entries at or after this date or instant',
    to: 'entries at or before this date (the whole day) or instant',
    actor: 'only what this user did (--user says who you are)',
    action: 'only actions starting with this, e.g. credential.',
  },
  async run(context, values) {
    const format = values['format'];
    if (typeof format !== 'string' || !(AUDIT_FORMATS as readonly string[]).includes(format)) throw new UsageError('choose --format csv or --format json.');
    const from = dateOption(values['from'], 'from');
    const to = dateOption(values['to'], 'to');
    const actor = typeof values['actor'] === 'string' ? values['actor'] : undefined;
    const action = typeof values['action'] === 'string' ? values['action'] : undefined;
    return withSignedInCli(context, values, async (cli) => {
      const exported = await cli.call('audit.export', { format: format as (typeof AUDIT_FORMATS)[number], filters: { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(actor ? { actor } : {}), ...(action ? { action } : {}) } });
      context.io.out(exported.text.replace(/\r?\n$/, ''));
      context.io.err(`${exported.count} audit entries exported.`);
      return 0;
    });
  },
};
