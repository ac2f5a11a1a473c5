import type Database from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import type { VaultDatabase } from './vault-schema';

/**
 * Runs synchronous driver work as one IMMEDIATE transaction of its own, committed before this
 * resolves. It first takes Kysely's connection: called bare, a driver transaction started while a
 * Kysely transaction is open on the same connection (between two of its awaits) silently becomes a
 * savepoint of it, and that other transaction's rollback would then undo this work after the
 * caller had acted on it (a claim undone while its attempt runs).
 */
export function ownTransaction<T>(db: Kysely<VaultDatabase>, driver: Database.Database, work: () => T): Promise<T> {
  return db.connection().execute(async () => {
    if (driver.inTransaction) throw new Error('A transaction is already open on the vault connection; this write needs a commit of its own.');
    return driver.transaction(work).immediate();
  });
}
