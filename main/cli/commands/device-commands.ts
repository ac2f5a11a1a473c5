import { deviceInputSchema } from '../../../shared/domain/device-input';
import { UsageError, type Command } from '../command';
import { readJsonObjectFromStdin } from '../read-stdin';
import { withSignedInCli } from '../signed-in';

const identityHelp = { user: 'who you are (or PAMDESK_USER); the passphrase comes from PAMDESK_PASSPHRASE or a prompt' };

export const deviceUpsertCommand: Command = {
  path: ['device', 'upsert'],
  requires: 'device.write',
  summary: 'Create or update a device (found by hostname + ip) from JSON on stdin.',
  usage: 'device upsert --user NAME < device.json',
  options: { user: { type: 'string' } },
  optionHelp: identityHelp,
  async run(context, values) {
    const parsed = deviceInputSchema.safeParse(await readJsonObjectFromStdin(context.stdin));
    if (!parsed.success) throw new UsageError(`the device JSON is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}.`);
    return withSignedInCli(context, values, async (cli) => {
      const device = await cli.call('device.upsert', parsed.data);
      context.io.out(context.json ? JSON.stringify(device, null, 2) : `Saved device ${device.hostname} (${device.ip}), id ${device.id}.`);
      return 0;
    });
  },
};

export const domainAddCommand: Command = {
  path: ['domain', 'add'],
  requires: 'domain.write',
  summary: 'Register a domain, so devices may name it (administrators only).',
  usage: 'domain add NAME --user NAME',
  options: { user: { type: 'string' } },
  optionHelp: identityHelp,
  async run(context, values, positionals) {
    const [name] = positionals;
    if (!name || positionals.length > 1) throw new UsageError('name exactly one domain.');
    return withSignedInCli(context, values, async (cli) => {
      const domain = await cli.call('domain.add', { name });
      context.io.out(context.json ? JSON.stringify(domain) : `Registered domain ${domain.name}.`);
      return 0;
    });
  },
};
