import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { VaultDatabaseError } from '../database/vault-database-error';
import type { Migration } from '../migration';

interface AppliedRow {
  readonly version: number;
  readonly name: string;
}

/**
 * Applies pending migrations, each in its own BEGIN IMMEDIATE transaction: the write lock is taken
 * up front, so two processes opening the same vault cannot both apply a step, and the applied set
 * is re-read under that lock. Returns the versions applied now.
 */
export async function runMigrations(db: Kysely<unknown>, migrations: readonly Migration[]): Promise<readonly number[]> {
  assertRegistry(migrations);
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`.execute(db);

  const appliedNow: number[] = [];
  // One connection for the whole run: BEGIN/COMMIT must reach the same connection as the steps.
  await db.connection().execute(async (conn) => {
    assertKnown(await readApplied(conn), migrations);
    for (const migration of migrations) {
      // Outside the transaction: SQLite ignores this pragma inside one.
      if (migration.rebuildsTables) await sql`PRAGMA foreign_keys = OFF`.execute(conn);
      try {
        if (await applyOne(conn, migration)) appliedNow.push(migration.id);
      } finally {
        if (migration.rebuildsTables) await sql`PRAGMA foreign_keys = ON`.execute(conn);
      }
    }
  });
  return appliedNow;
}

/** Applies one migration in its own immediate transaction; false when another process already had. */
async function applyOne(conn: Kysely<unknown>, migration: Migration): Promise<boolean> {
  await sql`BEGIN IMMEDIATE`.execute(conn);
  try {
    const applied = await readApplied(conn);
    if (applied.some((row) => row.version === migration.id)) {
      await sql`COMMIT`.execute(conn);
      return false;
    }
    await migration.up(conn);
    if (migration.rebuildsTables) await assertForeignKeysHold(conn);
    await sql`INSERT INTO schema_migrations (version, name, applied_at)
      VALUES (${migration.id}, ${migration.name}, ${new Date().toISOString()})`.execute(conn);
    await sql`COMMIT`.execute(conn);
    return true;
  } catch (error) {
    await sql`ROLLBACK`.execute(conn);
    throw new VaultDatabaseError(
      'migration-failed',
      `Schema migration ${formatVersion(migration)} failed and was rolled back; the vault is unchanged. Report this with the cause: ${errorMessage(error)}`,
      { cause: error },
    );
  }
}

async function assertForeignKeysHold(db: Kysely<unknown>): Promise<void> {
  const broken = await sql<{ table: string; parent: string }>`PRAGMA foreign_key_check`.execute(db);
  const first = broken.rows[0];
  if (first !== undefined) throw new Error(`${broken.rows.length} rows would reference missing rows (first: ${first.table} -> ${first.parent}).`);
}

async function readApplied(db: Kysely<unknown>): Promise<readonly AppliedRow[]> {
  const result = await sql<AppliedRow>`SELECT version, name FROM schema_migrations ORDER BY version`.execute(db);
  return result.rows;
}

function assertRegistry(migrations: readonly Migration[]): void {
  // Ids go strictly up. A gap is allowed because work on several branches reserves its numbers
  // (0012-0015 elsewhere, 0016 here) and the registry is whole again once they are merged.
  migrations.forEach((migration, index) => {
    const previous = index === 0 ? 0 : (migrations[index - 1]?.id ?? 0);
    if (migration.id <= previous) {
      throw new Error(`The migration registry is out of order: entry ${index} has id ${migration.id}, after ${previous}. Fix main/vault/migrations/registry.ts.`);
    }
  });
}

function assertKnown(applied: readonly AppliedRow[], migrations: readonly Migration[]): void {
  const newest = migrations.at(-1)?.id ?? 0;
  for (const row of applied) {
    const known = migrations.find((m) => m.id === row.version);
    if (known === undefined) {
      throw new VaultDatabaseError(
        'newer-schema',
        row.version > newest
          ? `This vault has schema version ${row.version}, newer than this pamdesk knows (${newest}); update pamdesk to open it.`
          : `This vault has schema version ${row.version}, which this pamdesk does not have; the vault comes from another build.`,
      );
    }
    if (known.name !== row.name) {
      throw new VaultDatabaseError(
        'migration-mismatch',
        `Schema migration ${row.version} was applied as "${row.name}" but this pamdesk calls it "${known.name}"; the vault comes from an incompatible build.`,
      );
    }
  }
}

function formatVersion(migration: Migration): string {
  return `${String(migration.id).padStart(4, '0')}-${migration.name}`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
