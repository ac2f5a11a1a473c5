import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { freeLoopbackPort } from './free-port';
import { killGroup } from './process-tree';
import { runCommand } from './run-command';

/**
 * A real MariaDB server from Debian's mariadb-server package, on 127.0.0.1 in a temporary data
 * directory (mariadb-install-db, then mariadbd with networking on a free port and its socket in the
 * same directory). Accounts are created as 'user'@'127.0.0.1', the host part the tests' logins
 * come from, so a credential must name that host part (not '%').
 */
const MARIADBD = '/usr/sbin/mariadbd';
export const MARIADB_SKIP_REASON = `${MARIADBD} is missing (install Debian's mariadb-server package), or the tests do not run as root`;

export function isMariadbInstalled(): boolean {
  return existsSync(MARIADBD) && existsSync('/usr/bin/mariadb-install-db') && process.getuid?.() === 0;
}

export interface MariadbAccount {
  readonly username: string;
  readonly password: string;
  /** Default 127.0.0.1. */
  readonly host?: string;
}

export interface MariadbTarget {
  readonly host: string;
  readonly port: number;
  readonly superuser: { readonly username: string; readonly password: string };
  admin(sql: string, values?: readonly unknown[]): Promise<unknown>;
  login(username: string, password: string): Promise<'accepted' | 'rejected' | 'unreachable'>;
  /** Every account ('user'@'host') with its stored authentication string. */
  accounts(): Promise<Map<string, string>>;
  stop(): Promise<void>;
}

export async function startMariadb(accounts: readonly MariadbAccount[] = []): Promise<MariadbTarget> {
  if (!isMariadbInstalled()) throw new Error(`${MARIADB_SKIP_REASON}.`);
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'pamdesk-mariadb-'));
  const data = join(dir, 'data');
  const socket = join(dir, 'mysqld.sock');
  const install = await runCommand('mariadb-install-db', ['--no-defaults', `--datadir=${data}`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db'], { timeoutMs: 120_000 });
  if (install.code !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr}`);
  const logFile = join(dir, 'server.log');
  let pid = 0;
  let port = 0;
  for (let attempt = 0; ; attempt += 1) {
    port = await freeLoopbackPort();
    const log = openSync(logFile, 'a');
    const child = spawn(MARIADBD, ['--no-defaults', `--datadir=${data}`, '--user=root', '--skip-networking=0', '--bind-address=127.0.0.1', `--port=${port}`, `--socket=${socket}`, `--pid-file=${join(dir, 'pid')}`, '--innodb-buffer-pool-size=16M', '--skip-log-bin', '--skip-name-resolve'], { stdio: ['ignore', log, log], detached: true });
    closeSync(log);
    pid = child.pid ?? 0;
    let gone = false;
    child.once('exit', () => (gone = true));
    const deadline = Date.now() + 60_000;
    let ready = false;
    while (!ready && !gone && Date.now() < deadline) {
      ready = (await runCommand('mariadb', ['--no-defaults', '-S', socket, '-uroot', '-e', 'SELECT 1'], { timeoutMs: 10_000 })).code === 0;
      if (!ready) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (ready) break;
    killGroup(pid);
    if (attempt >= 3 || !/in use/i.test(readFileSync(logFile, 'utf8'))) throw new Error(`MariaDB did not start: ${readFileSync(logFile, 'utf8').slice(-2000)}`);
  }
  const superuser = { username: 'root', password: 'mariadb-root-test-pw' };
  const viaSocket = (sql: string) => runCommand('mariadb', ['--no-defaults', '-S', socket, '-uroot', '-e', sql], { timeoutMs: 30_000 });
  const setup = await viaSocket(`ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '${superuser.password}'; FLUSH PRIVILEGES;`);
  if (setup.code !== 0) throw new Error(`MariaDB setup failed: ${setup.stderr}`);
  const admin = async (sql: string, values: readonly unknown[] = []): Promise<unknown> => {
    const connection = await mysql.createConnection({ host: '127.0.0.1', port, user: superuser.username, password: superuser.password });
    try {
      return (await connection.query(sql, [...values]))[0];
    } finally {
      await connection.end();
    }
  };
  for (const account of accounts) {
    await admin('CREATE USER ?@? IDENTIFIED BY ?', [account.username, account.host ?? '127.0.0.1', account.password]);
  }
  console.info(`MariaDB test server on 127.0.0.1:${port} ready in ${Date.now() - started} ms (machine shared with other jobs)`);
  return {
    host: '127.0.0.1',
    port,
    superuser,
    admin,
    login: (username, password) => mariadbLogin(port, username, password),
    async accounts() {
      const rows = (await admin('SELECT User AS u, Host AS h, authentication_string AS a FROM mysql.user ORDER BY User, Host')) as { u: string; h: string; a: string }[];
      return new Map(rows.map((r) => [`'${r.u}'@'${r.h}'`, r.a]));
    },
    async stop() {
      killGroup(pid);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function mariadbLogin(port: number, username: string, password: string): Promise<'accepted' | 'rejected' | 'unreachable'> {
  try {
    const connection = await mysql.createConnection({ host: '127.0.0.1', port, user: username, password, connectTimeout: 5_000 });
    await connection.end();
    return 'accepted';
  } catch (error) {
    return (error as { errno?: number }).errno === 1045 ? 'rejected' : 'unreachable';
  }
}
