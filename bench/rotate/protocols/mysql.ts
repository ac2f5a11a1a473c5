import mysql from 'mysql2/promise';
import { isMariadbInstalled, MARIADB_SKIP_REASON, startMariadb } from '../../../test/support/targets/mariadb';
import type { RotateProtocol } from '../protocol';

/** The host part the target creates its accounts with: the loopback address every login comes from. */
const ACCOUNT_HOST = '127.0.0.1';

/**
 * MySQL: Debian's MariaDB server (test/support/targets/mariadb.ts); the floor is mysql2 alone logging
 * in as the account, SET PASSWORD = PASSWORD(...) (what the built-in template sends), then a fresh
 * login; pamdesk runs the built-in own-password template.
 */
export const mysqlProtocol: RotateProtocol = {
  plugin: 'MySQL',
  missing: () => (isMariadbInstalled() ? null : MARIADB_SKIP_REASON),
  async start(accounts) {
    const server = await startMariadb(accounts.map((a) => ({ ...a, host: ACCOUNT_HOST })));
    return {
      host: server.host,
      port: server.port,
      connectivities: `MySQL:${server.port}`,
      pin: null,
      loginName: (u) => u,
      maxConcurrency: null, // max_connections is MariaDB's default, 151
      async setPasswords(list) {
        for (const a of list) await server.admin('ALTER USER ?@? IDENTIFIED BY ?', [a.username, ACCOUNT_HOST, a.password]);
      },
      stop: () => server.stop(),
    };
  },
  async bareRotation(target, username, current, next) {
    const login = (password: string) => mysql.createConnection({ host: target.host, port: target.port, user: username, password });
    const session = await login(current);
    try {
      await session.query('SET PASSWORD = PASSWORD(?)', [next]);
    } finally {
      await session.end();
    }
    await (await login(next)).end();
  },
  template: { name: 'MySQL - Change own password' },
};
