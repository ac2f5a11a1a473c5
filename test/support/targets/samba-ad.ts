import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certificateFingerprint } from '../../../main/executors/ldap/ldap-connection';
import { killGroup } from './process-tree';
import { runCommand } from './run-command';

/**
 * A real Active Directory domain controller: Samba (Debian samba, samba-ad-dc, samba-ad-provision)
 * provisioned into a temporary directory, run in the foreground inside its own network namespace
 * reached through a veth pair on a random 10.201.x.0/30, so its fixed ports (389, 636) never clash
 * with anything on the machine. Only the LDAP service runs; the password policy is relaxed
 * (no minimum age, history or complexity) so a test can change a password twice in a row. Samba
 * makes its own self-signed certificate at first start. Needs root and iproute2.
 */
export const SAMBA_SKIP_REASON = 'Samba AD DC is not installed (Debian packages "samba", "samba-ad-dc", "samba-ad-provision", "winbind", "krb5-user"; CI must install them)';
export const SAMBA_REALM = 'samdom.example.com';
export const SAMBA_BASE_DN = 'DC=samdom,DC=example,DC=com';
export const SAMBA_ADMIN_PASSWORD = 'Adm1n-Secret-pw';

export function isSambaInstalled(): boolean {
  return existsSync('/usr/sbin/samba') && existsSync('/usr/bin/samba-tool') && existsSync('/usr/share/samba/setup/ad-schema') && existsSync('/usr/sbin/ip');
}

export interface SambaAccount {
  readonly username: string;
  readonly password: string;
  /** Added to Domain Admins (may reset others' passwords). */
  readonly admin?: boolean;
}

export interface SambaTarget {
  readonly host: string;
  readonly fingerprint: string;
  /** userPrincipalName of an account, what the executor binds as. */
  upnOf(username: string): string;
  dnOf(username: string): string;
  /** Whether a bind as `name` with `password` succeeds (ldapsearch over LDAPS, outside the code under test). */
  canBind(name: string, password: string): Promise<boolean>;
  /** Milliseconds provisioning and starting took. */
  readonly startedInMs: number;
  log(): string;
  stop(): Promise<void>;
}

const live = new Set<{ child: ChildProcess; namespace: string }>();

export async function startSambaAd(options: { readonly accounts: readonly SambaAccount[] }): Promise<SambaTarget> {
  const started = Date.now();
  const dir = await mkdtemp(join(tmpdir(), 'pamdesk-samba-'));
  const subnet = randomInt(1, 254);
  const suffix = randomInt(0, 0xffff).toString(16);
  const namespace = `pamdesk-ad-${suffix}`;
  const hostSide = `pdad${suffix}h`;
  const nsSide = `pdad${suffix}n`;
  const hostIp = `10.201.${subnet}.1`;
  const ip = `10.201.${subnet}.2`;
  const must = async (command: string, args: readonly string[], timeoutMs = 120_000): Promise<string> => {
    const result = await runCommand(command, args, { timeoutMs });
    if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${String(result.code)}): ${result.stderr}${result.stdout}`);
    return result.stdout;
  };
  const cleanUpNetwork = async (): Promise<void> => {
    await runCommand('ip', ['netns', 'del', namespace]);
    await runCommand('ip', ['link', 'del', hostSide]);
  };
  try {
    await must('ip', ['netns', 'add', namespace]);
    await must('ip', ['link', 'add', hostSide, 'type', 'veth', 'peer', 'name', nsSide]);
    await must('ip', ['link', 'set', nsSide, 'netns', namespace]);
    await must('ip', ['addr', 'add', `${hostIp}/30`, 'dev', hostSide]);
    await must('ip', ['link', 'set', hostSide, 'up']);
    await must('ip', ['netns', 'exec', namespace, 'ip', 'link', 'set', 'lo', 'up']);
    await must('ip', ['netns', 'exec', namespace, 'ip', 'addr', 'add', `${ip}/30`, 'dev', nsSide]);
    await must('ip', ['netns', 'exec', namespace, 'ip', 'link', 'set', nsSide, 'up']);
    const config = join(dir, 'etc', 'smb.conf');
    await must('samba-tool', [
      'domain',
      'provision',
      `--targetdir=${dir}`,
      `--realm=${SAMBA_REALM.toUpperCase()}`,
      '--domain=SAMDOM',
      '--host-name=dc1',
      '--server-role=dc',
      '--dns-backend=NONE',
      `--adminpass=${SAMBA_ADMIN_PASSWORD}`,
      `--option=interfaces=${ip}`,
      '--option=bind interfaces only=yes',
      '--option=server services=ldap',
      '--option=unix password sync=no',
      `--option=log file=${join(dir, 'log.%m')}`,
      `--option=pid directory=${dir}`,
    ]);
    await must('samba-tool', ['domain', 'passwordsettings', 'set', '--min-pwd-age=0', '--complexity=off', '--history-length=0', '--min-pwd-length=1', `--configfile=${config}`]);
    for (const account of options.accounts) {
      await must('samba-tool', ['user', 'create', account.username, account.password, `--configfile=${config}`]);
      if (account.admin === true) await must('samba-tool', ['group', 'addmembers', 'Domain Admins', account.username, `--configfile=${config}`]);
    }
    const child = spawn('ip', ['netns', 'exec', namespace, 'samba', '-i', '-s', config, '--debug-stdout'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const entry = { child, namespace };
    live.add(entry);
    let log = '';
    const append = (chunk: Buffer): void => {
      log = (log + chunk.toString('utf8')).slice(-100_000);
    };
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const stop = async (): Promise<void> => {
      if (child.pid !== undefined) killGroup(child.pid);
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
      live.delete(entry);
      await cleanUpNetwork();
      await rm(dir, { recursive: true, force: true });
    };
    try {
      await waitForPort(ip, 636, 120_000, () => child.exitCode !== null, () => log);
      const fingerprint = certificateFingerprint(pemToDer(await readFile(join(dir, 'private', 'tls', 'cert.pem'), 'utf8')));
      const ldapsUrl = `ldaps://${ip}`;
      return {
        host: ip,
        fingerprint,
        upnOf: (username) => `${username}@${SAMBA_REALM}`,
        dnOf: (username) => `CN=${username},CN=Users,${SAMBA_BASE_DN}`,
        async canBind(name, password) {
          // The fixture's own check does not verify the certificate: it is not the code under test.
          // (Samba has no WhoAmI operation, so a bind then a read of the root DSE.)
          const result = await runCommand('sh', ['-c', 'LDAPTLS_REQCERT=never exec ldapsearch -H "$0" -x -D "$1" -w "$2" -b "" -s base 1.1', ldapsUrl, name, password], { timeoutMs: 30_000 });
          if (result.code !== 0 && result.code !== 49) throw new Error(`ldapsearch against Samba failed (${String(result.code)}): ${result.stderr}`);
          return result.code === 0;
        },
        startedInMs: Date.now() - started,
        log: () => log,
        stop,
      };
    } catch (error) {
      await stop();
      throw error;
    }
  } catch (error) {
    await cleanUpNetwork();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

function pemToDer(pem: string): Buffer {
  const body = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(pem)?.[1];
  if (body === undefined) throw new Error('Samba wrote no certificate');
  return Buffer.from(body.replace(/\s+/g, ''), 'base64');
}

async function waitForPort(host: string, port: number, timeoutMs: number, gone: () => boolean, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone()) throw new Error(`samba exited before listening. Log:\n${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`samba did not listen on ${host}:${port} within ${timeoutMs} ms. Log:\n${log()}`);
}

process.on('exit', () => {
  for (const { child, namespace } of live) {
    if (child.pid !== undefined) killGroup(child.pid);
    spawn('ip', ['netns', 'del', namespace], { stdio: 'ignore' });
  }
});
