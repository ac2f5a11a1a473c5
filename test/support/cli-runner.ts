import { Readable } from 'node:stream';
import { COMMANDS } from '../../main/cli/commands';
import { runCli } from '../../main/cli/run-cli';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs the real CLI in-process against a data folder, with env and stdin as a user would give. */
export function cliFor(dataDir: string) {
  return async (argv: readonly string[], env: NodeJS.ProcessEnv = {}, stdin?: string): Promise<CliRun> => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli([...argv, '--data-dir', dataDir], COMMANDS, {
      io: { out: (t) => out.push(t), err: (t) => err.push(t) },
      env,
      ...(stdin === undefined ? {} : { stdin: Readable.from([stdin]) }),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
}

export const ADMIN_ENV = { PAMDESK_USER: 'admin', PAMDESK_PASSPHRASE: 'admin passphrase for tests' } as const;

/** A vault with an administrator, a registered domain and one device (srv01 / 10.0.0.5). */
export async function seededVault(dataDir: string): Promise<ReturnType<typeof cliFor>> {
  const cli = cliFor(dataDir);
  const init = await cli(['vault', 'init'], { PAMDESK_USER: 'admin', PAMDESK_NEW_PASSPHRASE: ADMIN_ENV.PAMDESK_PASSPHRASE });
  if (init.code !== 0) throw new Error(`vault init failed: ${init.err}`);
  const domain = await cli(['domain', 'add', 'corp.example'], ADMIN_ENV);
  if (domain.code !== 0) throw new Error(`domain add failed: ${domain.err}`);
  const device = await cli(['device', 'upsert'], ADMIN_ENV, JSON.stringify({ hostname: 'srv01', ip: '10.0.0.5', type: 'Linux', device_domain: 'corp.example', connectivities: 'SSH:22' }));
  if (device.code !== 0) throw new Error(`device upsert failed: ${device.err}`);
  return cli;
}
