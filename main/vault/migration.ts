import type { Kysely } from 'kysely';

/**
 * One forward-only schema step. Migrations are numbered, applied in order on open, each inside its
 * own transaction, and never edited once released: a fix is a new migration.
 */
export interface Migration {
  readonly id: number;
  readonly name: string;
  /**
   * Set by a migration that rebuilds a table (SQLite cannot change a CHECK constraint otherwise):
   * it runs with foreign-key enforcement off, as SQLite's documented rebuild procedure requires
   * (a DROP of a referenced table would otherwise cascade or fail), and the runner checks every
   * foreign key before it commits, so nothing dangling is ever committed.
   */
  readonly rebuildsTables?: true;
  // Kysely<any> because a migration runs against the schema as it was at its own point in history,
  // not against today's typed schema.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up(db: Kysely<any>): Promise<void>;
}
