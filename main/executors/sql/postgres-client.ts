import pg from 'pg';
import type { SqlClient, SqlError } from './run-sql-statements';

/** The database every PostgreSQL cluster has; the role logs in there (passwords are per cluster, not per database). */
const LOGIN_DATABASE = 'postgres';

/**
 * PostgreSQL through pg (node-postgres): SCRAM-SHA-256 (or md5) login done by the library, so the
 * password never crosses the wire in a SCRAM login; statements as simple queries. The session sets
 * standard_conforming_strings = on, which the literal quoting of sql-dialect.ts relies on. No TLS:
 * the device's connectivity names a plain port, and what crosses is SCRAM proofs and verifiers.
 */
export const postgresClient: SqlClient = {
  name: 'PostgreSQL',
  async connect(target, auth, connectTimeoutMs) {
    const client = new pg.Client({ host: target.host, port: target.port, user: auth.username, password: auth.password, database: LOGIN_DATABASE, ssl: false, connectionTimeoutMillis: connectTimeoutMs, application_name: 'pamdesk' });
    // A server that drops the connection later emits 'error'; the running query rejects with it.
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SET standard_conforming_strings = on');
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return {
      server: `PostgreSQL (${auth.username}@${target.host}:${target.port}/${LOGIN_DATABASE})`,
      async query(sql, timeoutMs) {
        const result = await client.query({ text: sql, query_timeout: timeoutMs } as pg.QueryConfig);
        return result.rowCount === null ? result.command : `${result.command} ${result.rowCount}`;
      },
      close: () => client.end(),
      destroy: () => {
        void client.end().catch(() => undefined);
      },
    };
  },
  classify: classifyPostgresError,
};

function classifyPostgresError(error: unknown): SqlError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const message = error instanceof Error ? error.message : String(error);
  // 28P01 invalid_password, 28000 invalid_authorization_specification (no such role, pg_hba reject).
  if (code === '28P01' || code === '28000') return { kind: 'auth-failed', message: `${message} (SQLSTATE ${code})` };
  if (/^[0-9A-Z]{5}$/.test(code)) return { kind: code === '57014' ? 'timeout' : 'refused', message: `${message} (SQLSTATE ${code})` };
  if (/timeout/i.test(message)) return { kind: 'timeout', message };
  if (/terminated|ECONNRESET|EPIPE|Connection terminated/i.test(message)) return { kind: 'connection-closed', message };
  return { kind: 'unreachable', message };
}
