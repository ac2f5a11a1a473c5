import { spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freeLoopbackPort } from './free-port';
import { killGroup } from './process-tree';
import { runCommand } from './run-command';

/**
 * A real PostgreSQL server from Debian's postgresql package, on 127.0.0.1 in a temporary data
 * directory: initdb with SCRAM-SHA-256 for every login (pg_hba), password_encryption scram-sha-256,
 * and log_statement = all into a file the tests read (the new password must never be in it). The
 * server refuses to run as root, so it runs as Debian's postgres system user (runuser).
 */
const PG_ROOT = '/usr/lib/postgresql';

function binDir(): string | null {
  if (!existsSync(PG_ROOT)) return null;
  const versions = readdirSync(PG_ROOT).filter((v) => existsSync(join(PG_ROOT, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : join(PG_ROOT, versions[0], 'bin');
}

export const POSTGRES_SKIP_REASON = `PostgreSQL's initdb is not under ${PG_ROOT}/<version>/bin (install Debian's postgresql package), or the tests do not run as root (the server runs as its postgres user)`;

export function isPostgresInstalled(): boolean {
  return binDir() !== null && process.getuid?.() === 0;
}

export interface PostgresAccount {
  readonly username: string;
  readonly password: string;
}

export interface PostgresTarget {
  readonly host: string;
  readonly port: number;
  /** The superuser (postgres) and its password: for the tests' own checks, never the executor's. */
  readonly superuser: PostgresAccount;
  /** Everything the server logged so far (log_statement = all). */
  readLog(): string;
  /** Runs SQL as the superuser on its own connection (setup and checks). */
  admin<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values?: readonly unknown[]): Promise<T[]>;
  /** A fresh login; 'accepted' | 'rejected' | 'unreachable'. */
  login(username: string, password: string): Promise<'accepted' | 'rejected' | 'unreachable'>;
  /** Every role with its stored verifier: to show that only one account changed. */
  roles(): Promise<Map<string, string | null>>;
  stop(): Promise<void>;
}

export async function startPostgres(accounts: readonly PostgresAccount[] = []): Promise<PostgresTarget> {
  const bin = binDir();
  if (bin === null) throw new Error(`${POSTGRES_SKIP_REASON}.`);
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'pamdesk-pg-'));
  const { uid, gid } = systemUser('postgres');
  chownSync(dir, uid, gid);
  const superuser = { username: 'postgres', password: 'pg-superuser-test-pw' };
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${superuser.password}\n`, { mode: 0o600 });
  chownSync(pwfile, uid, gid);
  const data = join(dir, 'data');
  const init = await runCommand('runuser', ['-u', 'postgres', '--', join(bin, 'initdb'), '-D', data, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--no-sync', '--no-instructions'], { timeoutMs: 120_000 });
  if (init.code !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const logFile = join(dir, 'server.log');
  let pid = 0;
  let port = 0;
  for (let attempt = 0; ; attempt += 1) {
    port = await freeLoopbackPort();
    const log = openSync(logFile, 'a');
    chownSync(logFile, uid, gid);
    const settings = ['listen_addresses=127.0.0.1', `port=${port}`, `unix_socket_directories=${dir}`, 'password_encryption=scram-sha-256', 'log_statement=all', 'logging_collector=off', 'fsync=off', 'synchronous_commit=off', 'shared_buffers=16MB', 'max_connections=40'];
    const child = spawn('runuser', ['-u', 'postgres', '--', join(bin, 'postgres'), '-D', data, ...settings.flatMap((s) => ['-c', s])], { stdio: ['ignore', log, log], detached: true });
    closeSync(log);
    pid = child.pid ?? 0;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const ready = await waitReady(port, superuser, exited);
    if (ready) break;
    killGroup(pid);
    if (attempt >= 3 || !/already in use/.test(readFileSync(logFile, 'utf8'))) throw new Error(`PostgreSQL did not start: ${readFileSync(logFile, 'utf8').slice(-2000)}`);
  }
  const admin = async <T extends pg.QueryResultRow>(sql: string, values: readonly unknown[] = []): Promise<T[]> => {
    const client = new pg.Client({ host: '127.0.0.1', port, user: superuser.username, password: superuser.password, database: 'postgres' });
    await client.connect();
    try {
      return (await client.query<T>(sql, [...values])).rows;
    } finally {
      await client.end();
    }
  };
  for (const account of accounts) {
    await admin(`CREATE ROLE ${pg.escapeIdentifier(account.username)} LOGIN PASSWORD ${pg.escapeLiteral(account.password)}`);
  }
  console.info(`PostgreSQL test server on 127.0.0.1:${port} ready in ${Date.now() - started} ms (machine shared with other jobs)`);
  return {
    host: '127.0.0.1',
    port,
    superuser,
    readLog: () => readFileSync(logFile, 'utf8'),
    admin,
    login: (username, password) => postgresLogin(port, username, password),
    async roles() {
      const rows = await admin<{ rolname: string; rolpassword: string | null }>('SELECT rolname, rolpassword FROM pg_authid ORDER BY rolname');
      return new Map(rows.map((r) => [r.rolname, r.rolpassword]));
    },
    async stop() {
      killGroup(pid);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresLogin(port: number, username: string, password: string): Promise<'accepted' | 'rejected' | 'unreachable'> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: username, password, database: 'postgres', connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.end();
    return 'accepted';
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === '28P01' || code === '28000' ? 'rejected' : 'unreachable';
  }
}

async function waitReady(port: number, superuser: PostgresAccount, exited: Promise<void>): Promise<boolean> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !gone) {
    if ((await postgresLogin(port, superuser.username, superuser.password)) === 'accepted') return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

function systemUser(name: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error(`There is no ${name} system user (install Debian's postgresql package).`);
  return { uid: Number(uid), gid: Number(gid) };
}
