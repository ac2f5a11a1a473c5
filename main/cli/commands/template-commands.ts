import { readFile } from 'node:fs/promises';
import { TEMPLATE_OPERATION_TYPES, type TemplateOperationType } from '../../../shared/domain/template';
import type { TemplateDiagnostic } from '../../../shared/domain/template-diagnostic';
import { deviceExecutorFor } from '../../executors/registry';
import { UsageError, type Command } from '../command';
import { withSignedInCli } from '../signed-in';
import { lintShell, pluginHelp, pluginNotice, templatePlugin } from './template-plugin';

const identityHelp = { user: 'who you are (or PAMDESK_USER); the passphrase comes from PAMDESK_PASSPHRASE or a prompt' };

function formatDiagnostic(file: string, d: TemplateDiagnostic): string {
  return `${file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`;
}

export const templateLintCommand: Command = {
  path: ['template', 'lint'],
  requires: 'public',
  summary:
    "Check template files: each file's errors and warnings, with line and column. Exit 1 only if there is an error. Without --shell a secret on a command line is a warning: it runs on network-CLI devices and is refused on POSIX ones.",
  usage: 'template lint FILE... [--plugin NAME] [--shell posix|network-cli]',
  options: { plugin: { type: 'string' }, shell: { type: 'string' } },
  optionHelp: { plugin: pluginHelp(), shell: 'lint for devices with this shell (posix refuses secrets on command lines); absent: no device' },
  async run(context, values, positionals) {
    if (positionals.length === 0) throw new UsageError('name at least one template file.');
    const shell = lintShell(values['shell']);
    let errors = 0;
    const report: { file: string; diagnostics: readonly TemplateDiagnostic[] }[] = [];
    const noticed = new Set<string>();
    for (const file of positionals) {
      const plugin = templatePlugin(values['plugin'], file);
      if (!plugin.ok) {
        context.io.err(plugin.message);
        errors++;
        continue;
      }
      const notice = pluginNotice(plugin.executor);
      if (notice !== null && !noticed.has(notice)) {
        noticed.add(notice);
        context.io.err(notice);
      }
      let body: string;
      try {
        body = await readFile(file, 'utf8');
      } catch (error) {
        context.io.err(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
        errors++;
        continue;
      }
      const { diagnostics } = deviceExecutorFor(plugin.executor.templateExecutor).compile(body, [], shell);
      errors += diagnostics.filter((d) => d.severity === 'error').length;
      report.push({ file, diagnostics });
      if (!context.json) {
        for (const d of diagnostics) context.io.out(formatDiagnostic(file, d));
        if (diagnostics.length === 0) context.io.out(`${file}: ok`);
      }
    }
    if (context.json) context.io.out(JSON.stringify(report, null, 2));
    return errors > 0 ? 1 : 0;
  },
};

export const templateImportCommand: Command = {
  path: ['template', 'import'],
  requires: 'template.write',
  summary: 'Save a template file into the vault (a new template, or a new version of the one with that name).',
  usage: `template import FILE --name NAME --type ${TEMPLATE_OPERATION_TYPES.join('|')} [--plugin NAME] --user NAME`,
  options: { user: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' }, inactive: { type: 'boolean' }, plugin: { type: 'string' } },
  optionHelp: { ...identityHelp, name: 'the template name', type: 'its operation type', inactive: 'save it inactive', plugin: pluginHelp() },
  async run(context, values, positionals) {
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UsageError('name exactly one template file.');
    const name = values['name'];
    const type = values['type'];
    if (typeof name !== 'string' || name.trim() === '') throw new UsageError('give the template a name: --name NAME.');
    if (typeof type !== 'string' || !(TEMPLATE_OPERATION_TYPES as readonly string[]).includes(type)) throw new UsageError(`--type must be one of ${TEMPLATE_OPERATION_TYPES.join(', ')}.`);
    const plugin = templatePlugin(values['plugin'], file);
    if (!plugin.ok) {
      context.io.err(plugin.message);
      return 1;
    }
    const notice = pluginNotice(plugin.executor);
    if (notice !== null) context.io.err(notice);
    const body = await readFile(file, 'utf8');
    return withSignedInCli(context, values, async (cli) => {
      const existing = (await cli.call('template.list', {})).find((t) => t.name.toLowerCase() === name.toLowerCase());
      const input = { name, executor: plugin.executor.templateExecutor, operation_type: type as TemplateOperationType, active: values['inactive'] !== true, variables: existing?.variables ?? [], body };
      const result = await cli.invoke('template.save', { ...(existing ? { id: existing.id } : {}), input });
      if (!result.ok) {
        const diagnostics = (result.error.details?.['diagnostics'] ?? []) as TemplateDiagnostic[];
        for (const d of diagnostics) context.io.err(formatDiagnostic(file, d));
        context.io.err(result.error.message);
        return 1;
      }
      context.io.out(context.json ? JSON.stringify(result.value) : `Saved ${result.value.name}, version ${result.value.current_version}.`);
      return 0;
    });
  },
};

export const templateListCommand: Command = {
  path: ['template', 'list'],
  requires: 'template.read',
  summary: 'List the templates in the vault.',
  usage: 'template list [--json] --user NAME',
  options: { user: { type: 'string' } },
  optionHelp: identityHelp,
  run: (context, values) =>
    withSignedInCli(context, values, async (cli) => {
      const templates = await cli.call('template.list', {});
      if (context.json) context.io.out(JSON.stringify(templates, null, 2));
      else for (const t of templates) context.io.out([t.name.padEnd(40), t.operation_type.padEnd(18), `v${t.current_version}`, t.active ? 'active' : 'inactive', t.builtin ? 'built-in' : ''].join('  '));
      return 0;
    }),
};
