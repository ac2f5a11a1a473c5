import { readFile } from 'node:fs/promises';
import { IMPORT_FORMATS, type ImportFormat, type ImportPreview } from '../../../shared/contract/transfer-channels';
import { assertNever } from '../../../shared/assert-never';
import { UsageError, type Command, type CommandContext } from '../command';
import { withSignedInCli } from '../signed-in';

const identityHelp = { user: 'who you are (or PAMDESK_USER); the passphrase comes from PAMDESK_PASSPHRASE or a prompt' };

function printPreview(context: CommandContext, preview: ImportPreview): void {
  const s = preview.summary;
  for (const row of preview.rows) context.io.out(`row ${row.row} (line ${row.line}): ${row.action.padEnd(6)} ${row.label}${row.identifier ? ` [${row.identifier}]` : ''}${row.device === 'create' ? ' +device' : ''}${row.note ? ` (${row.note})` : ''}`);
  for (const e of preview.errors) context.io.err(`${e.row === 0 ? 'file' : `row ${e.row}`} (line ${e.line}): ${e.problem} Fix: ${e.fix}`);
  context.io.err(`${s.rows} rows: ${s.create} to create, ${s.update} to update, ${s.skip} skipped, ${s.errors} with errors; ${s.devicesCreated} new devices.`);
}

export const importCommand: Command = {
  path: ['import'],
  requires: 'credential.write',
  summary: 'Import credentials (and their devices) from CSV. All or nothing: if any row has an error, nothing is written and the exit code is 1.',
  usage: `import FILE --format ${IMPORT_FORMATS.join('|')} [--dry-run] [--json] --user NAME`,
  options: { user: { type: 'string' }, format: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  optionHelp: {
    ...identityHelp,
    format: "pamdesk (this program's own columns), keepassxc or bitwarden (their CSV exports, header unchanged)",
    'dry-run': 'only show what would be created or updated, and the errors',
  },
  async run(context, values, positionals) {
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UsageError('name exactly one CSV file.');
    const format = values['format'];
    if (typeof format !== 'string' || !(IMPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${IMPORT_FORMATS.join(', ')}.`);
    const csvText = await readFile(file, 'utf8');
    return withSignedInCli(context, values, async (cli) => {
      const preview = await cli.call('import.preview', { format: format as ImportFormat, csvText });
      if (!context.json) printPreview(context, preview);
      if (preview.token === null || values['dry-run'] === true) {
        if (context.json) context.io.out(JSON.stringify({ ...preview, token: undefined }, null, 2));
        if (preview.token === null) context.io.err('Nothing was imported: fix the rows listed and run the import again.');
        return preview.token === null ? 1 : 0;
      }
      const summary = await cli.call('import.commit', { token: preview.token });
      if (context.json) context.io.out(JSON.stringify(summary, null, 2));
      else context.io.out(`Imported: ${summary.create} created, ${summary.update} updated, ${summary.skip} skipped; ${summary.devicesCreated} devices created.`);
      return 0;
    });
  },
};

const EXPORTS = ['credentials', 'operations', 'attempts'] as const;
type ExportKind = (typeof EXPORTS)[number];

export const exportCommand: Command = {
  path: ['export'],
  requires: 'vault.read',
  summary: 'Write a CSV report to stdout: credentials (never secrets), operations or attempts. Each export is audited.',
  usage: `export ${EXPORTS.join('|')} [--format csv] --user NAME`,
  options: { user: { type: 'string' }, format: { type: 'string' } },
  optionHelp: { ...identityHelp, format: 'csv (the only format for now)' },
  async run(context, values, positionals) {
    const [what] = positionals;
    if (!what || positionals.length > 1 || !(EXPORTS as readonly string[]).includes(what)) throw new UsageError(`say what to export: ${EXPORTS.join(', ')}.`);
    if (values['format'] !== undefined && values['format'] !== 'csv') throw new UsageError('--format csv is the only format.');
    return withSignedInCli(context, values, async (cli) => {
      const kind = what as ExportKind;
      const exported = await (async () => {
        switch (kind) {
          case 'credentials':
            return cli.call('export.credentials', { format: 'csv' });
          case 'operations':
            return cli.call('export.operations', { format: 'csv' });
          case 'attempts':
            return cli.call('export.attempts', { format: 'csv' });
          default:
            return assertNever(kind, 'export');
        }
      })();
      context.io.out(exported.text.replace(/\r?\n$/, ''));
      context.io.err(`${exported.count} ${kind} exported.`);
      return 0;
    });
  },
};
