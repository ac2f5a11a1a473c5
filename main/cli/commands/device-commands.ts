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

export const deviceTrustCommand: Command = {
  path: ['device', 'trust'],
  requires: 'device.write',
  summary: 'Pin the SSH host key (or, with --protocol LDAP, the TLS certificate) a device must present (the explicit first-contact trust). Audited.',
  usage: 'device trust HOSTNAME --fingerprint SHA256:... [--protocol LDAP] [--ip IP] --user NAME',
  options: { user: { type: 'string' }, fingerprint: { type: 'string' }, ip: { type: 'string' }, protocol: { type: 'string' } },
  optionHelp: {
    ...identityHelp,
    fingerprint: "the key's or certificate's SHA-256 fingerprint, checked out of band (ssh-keygen -lf on the device; a failed LDAP run prints the certificate's)",
    protocol: 'LDAP pins the certificate of the device\'s LDAP service instead of its SSH host key',
    ip: 'the device ip, when several devices share the hostname',
  },
  async run(context, values, positionals) {
    const [hostname] = positionals;
    if (!hostname || positionals.length > 1) throw new UsageError('name exactly one device by its hostname.');
    const fingerprint = values['fingerprint'];
    if (typeof fingerprint !== 'string') throw new UsageError('give the fingerprint to trust: --fingerprint SHA256:...');
    const ip = typeof values['ip'] === 'string' ? values['ip'] : undefined;
    const protocol = typeof values['protocol'] === 'string' ? values['protocol'] : undefined;
    return withSignedInCli(context, values, async (cli) => {
      const devices = await cli.call('device.list', {});
      const matches = devices.filter((d) => d.hostname === hostname && (ip === undefined || d.ip === ip));
      if (matches.length !== 1) {
        throw new UsageError(matches.length === 0 ? `no device is named ${hostname}${ip ? ` with ip ${ip}` : ''}.` : `several devices are named ${hostname}: add --ip (${matches.map((d) => d.ip).join(', ')}).`);
      }
      const device = await cli.call('device.trustHostKey', { deviceId: matches[0]?.id ?? 0, fingerprint, ...(protocol === undefined ? {} : { protocol }) });
      const what = protocol === undefined || protocol.toUpperCase() === 'SSH' ? 'host key' : `${protocol.toUpperCase()} certificate`;
      context.io.out(context.json ? JSON.stringify(device) : `Trusted ${device.hostname} (${device.ip}) with ${what} ${fingerprint}.`);
      return 0;
    });
  },
};
