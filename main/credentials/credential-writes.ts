import { sql, type Kysely, type Updateable } from 'kysely';
import type { CredentialsTable, CredentialsTables } from './credential-tables';

/**
 * The write half of the credential storage rules, shared by the upsert (one credential) and bulk
 * actions (thousands, in one transaction): every write bumps `version` (rotation's compare-and-swap
 * reads it) and `updated_at`, and tags live in credential_tags as well as in the row.
 */

// SQLite allows 32,766 bound parameters; chunks stay far below it whatever the column count.
const CHUNK = 2000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Writes the same columns to every credential in `ids`. */
export async function updateCredentials(db: Kysely<CredentialsTables>, ids: readonly number[], columns: Updateable<CredentialsTable>, stamp: string): Promise<void> {
  for (const part of chunks(ids, CHUNK)) {
    await db
      .updateTable('credentials')
      .set({ ...columns, updated_at: stamp, version: sql<number>`version + 1` })
      .where('id', 'in', part)
      .execute();
  }
}

/** Replaces the credential_tags rows of every credential in `ids` with the same normalised tags. */
export async function replaceTags(db: Kysely<CredentialsTables>, ids: readonly number[], tags: readonly string[]): Promise<void> {
  for (const part of chunks(ids, CHUNK)) {
    await db.deleteFrom('credential_tags').where('credential_id', 'in', part).execute();
  }
  if (tags.length === 0) return;
  const rows = ids.flatMap((id) => tags.map((tag) => ({ credential_id: id, tag })));
  for (const part of chunks(rows, CHUNK)) await db.insertInto('credential_tags').values(part).execute();
}
