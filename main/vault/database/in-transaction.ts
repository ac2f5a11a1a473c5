import type { Kysely } from 'kysely';

/**
 * Runs `work` in the caller's transaction when given one (so it commits or rolls back with the
 * caller's audit entry), otherwise in a transaction of its own. Kysely cannot nest transactions.
 */
export function inTransaction<DB, T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
