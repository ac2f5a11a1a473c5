import { ARCHIVABLE_KINDS, type ArchivableKind, type DependencySummary } from '../../../shared/domain/archive';
import { deviceInputSchema } from '../../../shared/domain/device-input';
import { deviceInput } from '../../../shared/domain/device-input-from-view';
import { UsageError, type Command } from '../command';
import type { CliCore } from '../cli-core';
import { readJsonObjectFromStdin } from '../read-stdin';
import { withSignedInCli } from '../signed-in';

const identityHelp = { user: 'who you are (or PAMDESK_USER); the passphrase comes from PAMDESK_PASSPHRASE or a prompt' };

function positiveId(text: string | undefined, what: string): number {
  const id = Number(text);
  if (text === undefined || !Number.isInteger(id) || id <= 0) throw new UsageError(`name the ${what} by its id (a positive number), e.g. 12.`);
  return id;
}

/** A credential by id or identifier; the others by id (the lists show ids with --json). */
async function resolveId(cli: CliCore, kind: ArchivableKind, ref: string | undefined): Promise<number> {
  if (ref === undefined) throw new UsageError(`name the ${kind}: ${kind === 'credential' ? 'its id or identifier' : 'its id'}.`);
  if (kind !== 'credential' || /^\d+$/.test(ref)) return positiveId(ref, kind);
  return (await cli.call('credential.get', { ref })).id;
}

function describe(summary: DependencySummary): string {
  const lines = [`${summary.kind} ${summary.name} (id ${summary.id})${summary.archived ? ', archived' : ''}`];
  lines.push(summary.credentials.length === 0 ? '  credentials depending on it: none' : `  credentials depending on it: ${summary.credentials.map((c) => `${c.name}${c.archived ? ' (archived)' : ''}`).join(', ')}`);
  lines.push(summary.openOperations.length === 0 ? '  open operations: none' : `  open operations: ${summary.openOperations.map((o) => `${o.code} ${o.state} (${o.credential})`).join(', ')}`);
  if (summary.undeletableBecause !== null) lines.push(`  cannot be deleted: ${summary.undeletableBecause}`);
  return lines.join('\n');
}

const VERBS = {
  archive: { summary: 'Archive a KIND: hidden from lists, pickers and automatic changes; kept with its history and audit.', done: 'Archived', requires: 'write' },
  restore: { summary: 'Restore an archived KIND to the lists.', done: 'Restored', requires: 'write' },
  delete: { summary: 'Delete a KIND for good (administrators; refused while anything depends on it). Run "KIND dependents" first.', done: 'Deleted', requires: 'vault.delete' },
  dependents: { summary: 'Show what depends on a KIND (credentials, open operations): what a delete would be refused for.', done: '', requires: 'vault.read' },
} as const;

const WRITE = { credential: 'credential.write', device: 'device.write', template: 'template.write', policy: 'policy.write' } as const;

/** credential|device|template|policy archive|restore|delete|dependents REF: one shape for all four. */
export const recordLifecycleCommands: readonly Command[] = ARCHIVABLE_KINDS.flatMap((kind) =>
  (Object.keys(VERBS) as (keyof typeof VERBS)[]).map(
    (verb): Command => ({
      path: [kind, verb],
      requires: VERBS[verb].requires === 'write' ? WRITE[kind] : VERBS[verb].requires,
      summary: VERBS[verb].summary.replaceAll('KIND', kind),
      usage: `${kind} ${verb} ${kind === 'credential' ? 'ID|IDENTIFIER' : 'ID'} --user NAME`,
      options: { user: { type: 'string' } },
      optionHelp: identityHelp,
      async run(context, values, positionals) {
        if (positionals.length !== 1) throw new UsageError(`name exactly one ${kind}.`);
        return withSignedInCli(context, values, async (cli) => {
          const id = await resolveId(cli, kind, positionals[0]);
          const summary = await cli.call(`${kind}.${verb}`, { id });
          context.io.out(context.json ? JSON.stringify(summary, null, 2) : verb === 'dependents' ? describe(summary) : `${VERBS[verb].done} ${kind} ${summary.name} (id ${summary.id}).`);
          return 0;
        });
      },
    }),
  ),
);

export const deviceEditCommand: Command = {
  path: ['device', 'edit'],
  requires: 'device.write',
  summary: 'Edit a device in place by id from JSON on stdin (only the fields sent change; hostname and ip may change, the id and credentials stay).',
  usage: 'device edit ID --user NAME < fields.json',
  options: { user: { type: 'string' } },
  optionHelp: identityHelp,
  async run(context, values, positionals) {
    if (positionals.length !== 1) throw new UsageError('name exactly one device by its id.');
    const id = positiveId(positionals[0], 'device');
    const fields = await readJsonObjectFromStdin(context.stdin);
    return withSignedInCli(context, values, async (cli) => {
      const current = [...(await cli.call('device.list', {})), ...(await cli.call('device.list', { archived: 'archived' }))].find((d) => d.id === id);
      // A well-formed id naming no device is a failure (exit 1), as archive and delete answer it; not a usage error.
      if (current === undefined) {
        context.io.err(`No device has id ${id}: "pamdesk device list" (and "--archived") show the ids.`);
        return 1;
      }
      const parsed = deviceInputSchema.safeParse({ ...deviceInput(current), ...fields });
      if (!parsed.success) throw new UsageError(`the device JSON is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message.replace(/\.$/, '')}`).join('; ')}.`);
      const device = await cli.call('device.update', { id, ...parsed.data });
      context.io.out(context.json ? JSON.stringify(device, null, 2) : `Saved device ${device.hostname} (${device.ip}), id ${device.id}.`);
      return 0;
    });
  },
};

export const deviceMergeCommand: Command = {
  path: ['device', 'merge'],
  requires: 'device.write',
  summary: 'Join two devices that are one machine: the credentials of MERGE_ID move to KEEP_ID, then MERGE_ID is removed. Audited.',
  usage: 'device merge KEEP_ID MERGE_ID --user NAME',
  options: { user: { type: 'string' } },
  optionHelp: identityHelp,
  async run(context, values, positionals) {
    if (positionals.length !== 2) throw new UsageError('name the device to keep and the device to merge into it, by id: device merge 3 7.');
    const keepId = positiveId(positionals[0], 'device to keep');
    const mergeId = positiveId(positionals[1], 'device to merge');
    if (keepId === mergeId) throw new UsageError('choose two different devices to merge.');
    return withSignedInCli(context, values, async (cli) => {
      const result = await cli.call('device.merge', { keepId, mergeId });
      context.io.out(
        context.json
          ? JSON.stringify(result, null, 2)
          : `Merged ${result.merged.hostname} (${result.merged.ip}) into ${result.kept.hostname} (${result.kept.ip}); moved ${result.movedCredentials.length} credential(s)${result.movedCredentials.length ? `: ${result.movedCredentials.map((c) => c.identifier).join(', ')}` : ''}.`,
      );
      return 0;
    });
  },
};

export const deviceListCommand: Command = {
  path: ['device', 'list'],
  requires: 'vault.read',
  summary: 'List the devices with their ids (--archived: the archived ones, to restore or delete).',
  usage: 'device list [--archived] [--json] --user NAME',
  options: { user: { type: 'string' }, archived: { type: 'boolean' } },
  optionHelp: { ...identityHelp, archived: 'list the archived devices instead of the live ones' },
  async run(context, values) {
    return withSignedInCli(context, values, async (cli) => {
      const devices = await cli.call('device.list', values['archived'] === true ? { archived: 'archived' } : {});
      context.io.out(context.json ? JSON.stringify(devices, null, 2) : devices.length === 0 ? 'No devices.' : devices.map((d) => `${d.id}\t${d.hostname}\t${d.ip}${d.archived_at ? `\tarchived ${d.archived_at}` : ''}`).join('\n'));
      return 0;
    });
  },
};
