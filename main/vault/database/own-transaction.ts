import type Database from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import type { VaultDatabase } from './vault-schema';

export interface OwnTransactionOptions {
  /**
   * 'deferred': the commit is not fsynced on its own (synchronous = NORMAL for this transaction
   * only). It is visible to every process at once and survives the process being killed; against a
   * power cut it is made durable by the next commit with synchronous = FULL on this vault, because
   * the WAL is synced as a whole, in order. Only for writes that touch nothing outside the vault
   * before such a commit (a claim: its attempt's write-ahead is FULL and comes before the target).
   */
  readonly durability?: 'full' | 'deferred';
}

/**
 * Runs synchronous driver work as one IMMEDIATE transaction of its own, committed before this
 * resolves. It first takes Kysely's connection: called bare, a driver transaction started while a
 * Kysely transaction is open on the same connection (between two of its awaits) silently becomes a
 * savepoint of it, and that other transaction's rollback would then undo this work after the
 * caller had acted on it (a claim undone while its attempt runs). Holding the connection also
 * means nothing else commits on it while a deferred transaction has synchronous lowered.
 */
export function ownTransaction<T>(db: Kysely<VaultDatabase>, driver: Database.Database, work: () => T, options: OwnTransactionOptions = {}): Promise<T> {
  return db.connection().execute(async () => {
    if (driver.inTransaction) throw new Error('A transaction is already open on the vault connection; this write needs a commit of its own.');
    if (options.durability !== 'deferred') return driver.transaction(work).immediate();
    const level = driver.pragma('synchronous', { simple: true }) as number;
    driver.pragma('synchronous = NORMAL');
    try {
      return driver.transaction(work).immediate();
    } finally {
      driver.pragma(`synchronous = ${level}`);
    }
  });
}
