import mysql from 'mysql2/promise';
import type { SqlClient, SqlError } from './run-sql-statements';

/** Modes that make "..." an identifier or \ an ordinary character, which sql-dialect.ts's quoting must not meet. */
const QUOTING_MODES = new Set(['NO_BACKSLASH_ESCAPES', 'ANSI_QUOTES', 'ANSI', 'ORACLE', 'POSTGRESQL', 'MSSQL', 'DB2', 'MAXDB']);

/**
 * MySQL and MariaDB through mysql2: the library does the handshake and the login (the password is
 * never sent in clear by mysql_native_password or caching_sha2_password's fast path; the statements
 * themselves, with the new password in ALTER USER ... IDENTIFIED BY, cross the network as written,
 * because the device's connectivity names no TLS). One statement per query: multipleStatements is
 * off, so a value can never add a second statement even if quoting failed. The session's sql_mode
 * loses the modes that change quoting (QUOTING_MODES) before any template statement.
 */
export const mysqlClient: SqlClient = {
  name: 'MySQL/MariaDB',
  async connect(target, auth, connectTimeoutMs) {
    const connection = await mysql.createConnection({ host: target.host, port: target.port, user: auth.username, password: auth.password, connectTimeout: connectTimeoutMs, multipleStatements: false, ssl: undefined });
    connection.on('error', () => undefined);
    let version: string;
    try {
      const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT @@SESSION.sql_mode AS mode, VERSION() AS version');
      const mode = String(rows[0]?.['mode'] ?? '');
      version = String(rows[0]?.['version'] ?? '');
      const flags = mode.split(',').filter((flag) => flag !== '' && !QUOTING_MODES.has(flag.toUpperCase()));
      if (flags.some((flag) => !/^[A-Z_]+$/i.test(flag))) throw new Error(`The server's sql_mode "${mode}" holds a mode pamdesk does not know how to keep.`);
      await connection.query(`SET SESSION sql_mode = '${flags.join(',')}'`);
    } catch (error) {
      connection.destroy();
      throw error;
    }
    return {
      server: `${/mariadb/i.test(version) ? 'MariaDB' : 'MySQL'} ${version} (${auth.username}@${target.host}:${target.port})`,
      async query(sql, timeoutMs) {
        const [result] = await connection.query({ sql, timeout: timeoutMs });
        return Array.isArray(result) ? `${result.length} rows` : `OK, ${(result as mysql.ResultSetHeader).affectedRows} rows affected`;
      },
      close: () => connection.end(),
      destroy: () => connection.destroy(),
    };
  },
  classify: classifyMysqlError,
};

/** 1045 access denied, 1698 no password given, 1130 this host may not connect as that account. */
const AUTH_ERRNOS = new Set([1045, 1698, 1130]);

function classifyMysqlError(error: unknown): SqlError {
  const fields = typeof error === 'object' && error !== null ? (error as { code?: unknown; errno?: unknown; sqlState?: unknown; fatal?: unknown }) : {};
  const message = error instanceof Error ? error.message : String(error);
  const errno = typeof fields.errno === 'number' ? fields.errno : null;
  if (errno !== null && AUTH_ERRNOS.has(errno)) return { kind: 'auth-failed', message: `${message} (error ${errno})` };
  if (fields.code === 'PROTOCOL_SEQUENCE_TIMEOUT') return { kind: 'timeout', message };
  if (typeof fields.sqlState === 'string' && errno !== null) return { kind: 'refused', message: `${message} (error ${errno}, SQLSTATE ${fields.sqlState})` };
  if (fields.code === 'PROTOCOL_CONNECTION_LOST' || fields.code === 'ECONNRESET' || fields.code === 'EPIPE') return { kind: 'connection-closed', message };
  return { kind: 'unreachable', message };
}
