import type { TemplateExecutor } from '../../../shared/domain/template';
import type { DeviceExecutor } from '../device-executor';
import { compileSqlTemplate } from './compile-sql-template';
import { runSqlStatements, type SqlClient } from './run-sql-statements';
import type { SqlDialect } from './sql-dialect';

/**
 * A database executor (PostgreSQL, MySQL/MariaDB): SQL templates (compile-sql-template.ts) run
 * through a maintained client library as the login, and a fresh login for the proof and verify.
 * Passwords only: a database account has no SSH key.
 */
export function sqlExecutor(dialect: SqlDialect & TemplateExecutor, client: SqlClient): DeviceExecutor {
  const refuseKey = (username: string) => `${username} logs in with an SSH key, which ${client.name} cannot use: choose an authentication credential with a password.`;
  return {
    templateExecutor: dialect,
    compile: (source, variables) =>
      compileSqlTemplate(dialect, source, variables, (target, auth, statements, secrets, options) =>
        'password' in auth
          ? runSqlStatements(client, target, auth, statements, secrets, options)
          : Promise.resolve({ ok: false, failure: { kind: 'invalid-step', message: refuseKey(auth.username) }, transcript: [] }),
      ),
    async tryLogin(target, auth, options) {
      if (!('password' in auth)) return 'rejected';
      try {
        const session = await client.connect(target, auth, options.connectTimeoutMs ?? 5_000);
        await session.close().catch(() => session.destroy());
        return 'accepted';
      } catch (error) {
        return client.classify(error).kind === 'auth-failed' ? 'rejected' : 'unreachable';
      }
    },
    refuseAuth: (auth) => ('password' in auth ? null : refuseKey(auth.username)),
  };
}
