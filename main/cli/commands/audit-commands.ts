import type { Command } from '../command';
import { withSignedInCli } from '../signed-in';

export const auditVerifyCommand: Command = {
  path: ['audit', 'verify'],
  requires: 'audit.read',
  summary: "Check the audit trail's hash chain; names the first broken link. Exit 1 if broken.",
  usage: 'audit verify [--json] --user NAME',
  options: { user: { type: 'string' } },
  optionHelp: { user: 'who you are (or PAMDESK_USER); needs the audit permission (administrator or auditor)' },
  async run(context, values) {
    return withSignedInCli(context, values, async (cli) => {
      const verdict = await cli.call('audit.verify', {});
      if (context.json) context.io.out(JSON.stringify(verdict));
      else if (verdict.ok) context.io.out(`Audit trail intact: ${verdict.count} entries verified.`);
      else context.io.out(`Audit trail BROKEN at entry ${verdict.firstBrokenId}: ${verdict.reason} (entries 1-${verdict.count} verified).`);
      return verdict.ok ? 0 : 1;
    });
  },
};
