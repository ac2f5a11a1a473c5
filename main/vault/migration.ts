import type { Kysely } from 'kysely';

/**
 * One forward-only schema step. Migrations are numbered, applied in order on open, each inside its
 * own transaction, and never edited once released: a fix is a new migration.
 */
export interface Migration {
  readonly id: number;
  readonly name: string;
  // Kysely<any> because a migration runs against the schema as it was at its own point in history,
  // not against today's typed schema.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up(db: Kysely<any>): Promise<void>;
}
