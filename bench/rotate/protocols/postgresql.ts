import pg from 'pg';
import { scramSha256Verifier } from '../../../main/executors/sql/scram-verifier';
import { isPostgresInstalled, POSTGRES_SKIP_REASON, startPostgres } from '../../../test/support/targets/postgres';
import type { RotateProtocol } from '../protocol';

/** The test target's max_connections (40) less the 3 reserved for superusers. */
const SESSIONS = 37;

/**
 * PostgreSQL: Debian's server (test/support/targets/postgres.ts, SCRAM-SHA-256 logins); the floor is
 * `pg` alone logging in as the account, sending ALTER ROLE CURRENT_USER with the SCRAM verifier
 * computed client-side (what pamdesk sends, so the password never reaches the server's log), then a
 * fresh login; pamdesk runs the built-in own-password template.
 */
export const postgresqlProtocol: RotateProtocol = {
  plugin: 'PostgreSQL',
  missing: () => (isPostgresInstalled() ? null : POSTGRES_SKIP_REASON),
  async start(accounts) {
    const server = await startPostgres(accounts);
    return {
      host: server.host,
      port: server.port,
      connectivities: `PostgreSQL:${server.port}`,
      pin: null,
      loginName: (u) => u,
      maxConcurrency: { limit: SESSIONS, reason: `the test target allows ${SESSIONS} sessions (max_connections 40, 3 reserved)` },
      async setPasswords(list) {
        // One simple-protocol query: the server hashes each with its password_encryption (SCRAM).
        await server.admin(list.map((a) => `ALTER ROLE ${pg.escapeIdentifier(a.username)} PASSWORD ${pg.escapeLiteral(a.password)}`).join(';\n'));
      },
      stop: () => server.stop(),
    };
  },
  async bareRotation(target, username, current, next) {
    const login = async (password: string): Promise<pg.Client> => {
      const client = new pg.Client({ host: target.host, port: target.port, user: username, password, database: 'postgres', ssl: false });
      await client.connect();
      return client;
    };
    const session = await login(current);
    try {
      await session.query(`ALTER ROLE CURRENT_USER WITH PASSWORD ${pg.escapeLiteral(scramSha256Verifier(next))}`);
    } finally {
      await session.end();
    }
    await (await login(next)).end();
  },
  template: { name: 'PostgreSQL - Change own password' },
};
