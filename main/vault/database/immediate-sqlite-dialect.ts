import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';

/**
 * Kysely's SQLite transactions start with a deferred BEGIN. In WAL mode, two processes on one vault
 * (the desktop app and `pamdesk runner`, say) then deadlock on upgrade: the loser gets SQLITE_BUSY
 * at once, without waiting on busy_timeout. BEGIN IMMEDIATE takes the write lock up front, so a
 * second writer simply waits its turn. Every transaction in the vault writes, so nothing is lost.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}
