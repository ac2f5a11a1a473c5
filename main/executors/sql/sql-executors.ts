import { mysqlClient } from './mysql-client';
import { postgresClient } from './postgres-client';
import { sqlExecutor } from './sql-executor';

/** PostgreSQL: SQL templates, passwords sent as SCRAM-SHA-256 verifiers. */
export const postgresqlExecutor = sqlExecutor('postgresql', postgresClient);

/** MySQL and MariaDB: SQL templates; accounts are 'user'@'host', the host part from the credential. */
export const mysqlExecutor = sqlExecutor('mysql', mysqlClient);
