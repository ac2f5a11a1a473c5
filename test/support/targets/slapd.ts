import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certificateFingerprint } from '../../../main/executors/ldap/ldap-connection';
import { freeLoopbackPort } from './free-port';
import { killGroup } from './process-tree';
import { runCommand } from './run-command';

/**
 * A real OpenLDAP slapd (Debian slapd) on 127.0.0.1, from a temporary slapd.conf and mdb
 * database: LDAPS on one free port and plain LDAP (for StartTLS) on another, with a self-signed
 * certificate made by openssl. Password modify (RFC 3062) is built into slapd; it hashes with
 * {SSHA}. Accounts live under ou=people,dc=example,dc=org. `tls: false` starts a server with no
 * certificate at all, which accepts simple binds in clear, for the refusal test.
 */
export const SLAPD_PATH = '/usr/sbin/slapd';
export const SLAPD_SKIP_REASON = 'slapd is not installed (Debian packages "slapd" and "ldap-utils"; CI must install them)';
export const SLAPD_SUFFIX = 'dc=example,dc=org';
export const SLAPD_PEOPLE = `ou=people,${SLAPD_SUFFIX}`;
export const SLAPD_ROOT_DN = `cn=admin,${SLAPD_SUFFIX}`;

export function isSlapdInstalled(): boolean {
  return existsSync(SLAPD_PATH) && existsSync('/usr/bin/ldapsearch');
}

export interface SlapdAccount {
  /** The value of cn in the account's DN, cn=<value>,ou=people,dc=example,dc=org (escaped here). */
  readonly cn: string;
  readonly password: string;
  /** May change every account's password (an administrator). */
  readonly admin?: boolean;
}

export interface SlapdTarget {
  readonly host: string;
  /** LDAPS (implicit TLS). */
  readonly ldapsPort: number;
  /** Plain LDAP, where StartTLS upgrades the session (or, with tls: false, where binds go in clear). */
  readonly ldapPort: number;
  /** The pin of the server's certificate, computed from the PEM openssl wrote. */
  readonly fingerprint: string;
  /** PEM of the certificate, for tests that make another one. */
  readonly dir: string;
  dnOf(cn: string): string;
  /** The stored userPassword of an entry (read as the root DN over ldapi), e.g. "{SSHA}...". */
  storedPassword(cn: string): Promise<string>;
  /** Whether a simple bind as `dn` with `password` succeeds (ldapwhoami over ldapi, outside the code under test). */
  canBind(dn: string, password: string): Promise<boolean>;
  log(): string;
  stop(): Promise<void>;
}

const ROOT_PASSWORD = 'root-secret-for-tests';
const live = new Set<ChildProcess>();

/** RFC 4514 escaping for the fixture's own LDIF (kept separate from the code under test on purpose). */
function dnValue(value: string): string {
  return value
    .replace(/[\\",+;<>=]/g, (c) => `\\${c}`)
    .replace(/^[ #]/, (c) => `\\${c}`)
    .replace(/ $/, '\\ ');
}

function ldifLine(attribute: string, value: string): string {
  // Base64 (::) for anything LDIF cannot carry as is.
  return /^[\x21-\x39\x3b\x3d-\x7e][\x20-\x7e]*$/.test(value) && !value.endsWith(' ') ? `${attribute}: ${value}` : `${attribute}:: ${Buffer.from(value, 'utf8').toString('base64')}`;
}

export async function startSlapd(options: { readonly accounts: readonly SlapdAccount[]; readonly tls?: boolean }): Promise<SlapdTarget> {
  const tls = options.tls !== false;
  const dir = await mkdtemp(join(tmpdir(), 'pamdesk-slapd-'));
  try {
    await mkdir(join(dir, 'db'));
    if (tls) {
      const made = await runCommand('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { timeoutMs: 60_000 });
      if (made.code !== 0) throw new Error(`openssl req failed: ${made.stderr}`);
    }
    const dnOf = (cn: string): string => `cn=${dnValue(cn)},${SLAPD_PEOPLE}`;
    const admins = options.accounts.filter((a) => a.admin === true).map((a) => `by dn.exact="${dnOf(a.cn).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}" write`);
    await writeFile(
      join(dir, 'slapd.conf'),
      [
        'include /etc/ldap/schema/core.schema',
        'include /etc/ldap/schema/cosine.schema',
        'include /etc/ldap/schema/inetorgperson.schema',
        'modulepath /usr/lib/ldap',
        'moduleload back_mdb',
        `pidfile ${join(dir, 'slapd.pid')}`,
        ...(tls ? [`TLSCertificateFile ${join(dir, 'cert.pem')}`, `TLSCertificateKeyFile ${join(dir, 'key.pem')}`] : []),
        'password-hash {SSHA}',
        'database mdb',
        `suffix "${SLAPD_SUFFIX}"`,
        `rootdn "${SLAPD_ROOT_DN}"`,
        `rootpw ${ROOT_PASSWORD}`,
        `directory ${join(dir, 'db')}`,
        `access to attrs=userPassword by self write ${admins.join(' ')} by anonymous auth by * none`,
        'access to * by * read',
        '',
      ].join('\n'),
    );
    const entries = [
      `dn: ${SLAPD_SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\ndc: example\no: Example`,
      `dn: ${SLAPD_PEOPLE}\nobjectClass: organizationalUnit\nou: people`,
      ...options.accounts.map((a) => [ldifLine('dn', dnOf(a.cn)), 'objectClass: inetOrgPerson', ldifLine('cn', a.cn), 'sn: test', ldifLine('userPassword', a.password)].join('\n')),
    ];
    await writeFile(join(dir, 'seed.ldif'), `${entries.join('\n\n')}\n`, { mode: 0o600 });
    const added = await runCommand('slapadd', ['-f', join(dir, 'slapd.conf'), '-l', join(dir, 'seed.ldif')], { timeoutMs: 60_000 });
    if (added.code !== 0) throw new Error(`slapadd failed: ${added.stderr}`);
    const fingerprint = tls ? certificateFingerprint(pemToDer(await readFile(join(dir, 'cert.pem'), 'utf8'))) : '';
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const ldapsPort = await freeLoopbackPort();
      const ldapPort = await freeLoopbackPort();
      try {
        return await launch(dir, tls, ldapsPort, ldapPort, fingerprint, dnOf);
      } catch (error) {
        if (!(error instanceof Error) || !/Address already in use/.test(error.message) || attempt === 2) throw error;
      }
    }
    throw new Error('unreachable');
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

function pemToDer(pem: string): Buffer {
  const body = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(pem)?.[1];
  if (body === undefined) throw new Error('openssl wrote no certificate');
  return Buffer.from(body.replace(/\s+/g, ''), 'base64');
}

function launch(dir: string, tls: boolean, ldapsPort: number, ldapPort: number, fingerprint: string, dnOf: (cn: string) => string): Promise<SlapdTarget> {
  const socketPath = join(dir, 'ldapi');
  const ldapi = `ldapi://${encodeURIComponent(socketPath)}`;
  const urls = [...(tls ? [`ldaps://127.0.0.1:${ldapsPort}/`] : []), `ldap://127.0.0.1:${ldapPort}/`, ldapi].join(' ');
  // -d 256 (stats): foreground, and every connection, bind and operation is logged to stderr.
  const child = spawn(SLAPD_PATH, ['-d', '256', '-f', join(dir, 'slapd.conf'), '-h', urls], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let log = '';
  const append = (chunk: Buffer): void => {
    log = (log + chunk.toString('utf8')).slice(-200_000);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ldapCommand = (tool: string, args: readonly string[]) => runCommand(tool, ['-H', ldapi, '-x', ...args], { timeoutMs: 20_000 });
  const target: SlapdTarget = {
    host: '127.0.0.1',
    ldapsPort,
    ldapPort,
    fingerprint,
    dir,
    dnOf,
    async storedPassword(cn) {
      const result = await ldapCommand('ldapsearch', ['-LLL', '-o', 'ldif-wrap=no', '-D', SLAPD_ROOT_DN, '-w', ROOT_PASSWORD, '-b', dnOf(cn), '-s', 'base', 'userPassword']);
      if (result.code !== 0) throw new Error(`ldapsearch failed: ${result.stderr}`);
      const line = /^userPassword:(:?) (.*)$/m.exec(result.stdout);
      if (line === null) throw new Error(`no userPassword in ${result.stdout}`);
      return line[1] === ':' ? Buffer.from(line[2] ?? '', 'base64').toString('utf8') : (line[2] ?? '');
    },
    async canBind(dn, password) {
      const result = await runCommand('ldapwhoami', ['-H', ldapi, '-x', '-D', dn, '-w', password], { timeoutMs: 20_000 });
      return result.code === 0;
    },
    log: () => log,
    async stop() {
      if (child.pid !== undefined) killGroup(child.pid);
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
      live.delete(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`slapd did not start within 30 s. Log:\n${log}`)), 30_000);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      if (child.pid !== undefined) killGroup(child.pid);
      live.delete(child);
      reject(error);
    };
    const onExit = (code: number | null): void => fail(new Error(`slapd exited (${String(code)}) before serving. Log:\n${log}`));
    child.once('exit', onExit);
    const poll = async (): Promise<void> => {
      for (;;) {
        if (!live.has(child)) return;
        const probe = await ldapCommand('ldapsearch', ['-LLL', '-b', '', '-s', 'base', 'namingContexts']);
        if (probe.code === 0) {
          clearTimeout(timer);
          child.off('exit', onExit);
          resolve(target);
          return;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    void poll();
  });
}

process.on('exit', () => {
  for (const child of live) if (child.pid !== undefined) killGroup(child.pid);
});
