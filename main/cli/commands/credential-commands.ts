import { permissionDeniedResponse } from '../../credentials/credential-response';
import { UsageError, type Command } from '../command';
import { readJsonObjectFromStdin } from '../read-stdin';
import { withSignedInCli } from '../signed-in';

const identityOptions = { user: { type: 'string' } } as const;
const identityHelp = { user: 'who you are (or PAMDESK_USER); the passphrase comes from PAMDESK_PASSPHRASE or a prompt' };

export const credentialUpsertCommand: Command = {
  path: ['credential', 'upsert'],
  requires: 'credential.write',
  summary: "Create or update a credential from seed 004's request body (JSON on stdin); prints the response JSON.",
  usage: 'credential upsert --user NAME < body.json',
  options: identityOptions,
  optionHelp: identityHelp,
  async run(context, values) {
    const body = await readJsonObjectFromStdin(context.stdin);
    return withSignedInCli(context, values, async (cli) => {
      const result = await cli.invoke('credential.upsert', body);
      if (result.ok) {
        context.io.out(JSON.stringify(result.value, null, 2));
        return 0;
      }
      // The seed's own error JSON on failure: a rule (1004, 1011, ...) or the permission (1039).
      const seedResponse = result.error.details?.['response'] ?? (result.error.code === 'FORBIDDEN' ? permissionDeniedResponse() : undefined);
      context.io.out(JSON.stringify(seedResponse ?? { code: 400, response: { status: 400, message: result.error.message, error: true } }, null, 2));
      return 1;
    });
  },
};

export const credentialListCommand: Command = {
  path: ['credential', 'list'],
  requires: 'vault.read',
  summary: 'List credentials (no secrets), optionally matching a search text.',
  usage: 'credential list [--search TEXT] [--limit N] [--json] --user NAME',
  options: { ...identityOptions, search: { type: 'string' }, limit: { type: 'string' } },
  optionHelp: { ...identityHelp, search: 'words to find in identifier, username, hostname, ip, tags, domain or device', limit: 'at most this many rows (default 500)' },
  async run(context, values) {
    const limit = values['limit'] === undefined ? 500 : Number(values['limit']);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit must be a whole number from 1 to 500.');
    const search = typeof values['search'] === 'string' ? values['search'] : undefined;
    return withSignedInCli(context, values, async (cli) => {
      const page = await cli.call('credential.query', { ...(search ? { search } : {}), limit, offset: 0, sort: { column: 'identifier', direction: 'asc' } });
      if (context.json) {
        context.io.out(JSON.stringify(page, null, 2));
      } else {
        for (const row of page.rows) {
          context.io.out([row.identifier, row.username, row.hostname, row.ip, row.credential_type, row.status, row.in_sync].join('\t'));
        }
        context.io.err(`${page.rows.length} of ${page.total} credential(s)`);
      }
      return 0;
    });
  },
};

export const credentialShowCommand: Command = {
  path: ['credential', 'show'],
  requires: 'vault.read',
  summary: 'Show one credential by id or identifier; --reveal also prints its secret (audited).',
  usage: 'credential show ID|IDENTIFIER [--reveal] [--json] --user NAME',
  options: { ...identityOptions, reveal: { type: 'boolean' } },
  optionHelp: { ...identityHelp, reveal: 'print the secret too (needs the reveal permission; recorded in the audit trail)' },
  async run(context, values, positionals) {
    const [refText] = positionals;
    if (!refText || positionals.length > 1) throw new UsageError('name exactly one credential, by id or identifier.');
    const ref = /^\d+$/.test(refText) ? Number(refText) : refText;
    return withSignedInCli(context, values, async (cli) => {
      const credential = await cli.call('credential.get', { ref });
      const secret = values['reveal'] === true ? (await cli.call('credential.reveal', { id: credential.id, field: 'content', purpose: 'view' })).secret : undefined;
      if (context.json) {
        context.io.out(JSON.stringify(secret === undefined ? credential : { ...credential, secret }, null, 2));
      } else {
        const lines = [
          `identifier:  ${credential.identifier}`,
          `kind:        ${credential.kind}`,
          `username:    ${credential.username}`,
          `device:      ${credential.hostname} (${credential.ip})`,
          `type:        ${credential.credential_type}`,
          `domain:      ${credential.domain ?? '-'}`,
          `tags:        ${credential.tags.join(', ') || '-'}`,
          `status:      ${credential.status}`,
          `in sync:     ${credential.in_sync}`,
        ];
        if (secret !== undefined) lines.push(`secret:      ${secret}`);
        context.io.out(lines.join('\n'));
      }
      return 0;
    });
  },
};
