import { CompiledQuery, sql, type Kysely, type Updateable } from 'kysely';
import { insertMany } from '../vault/database/insert-many';
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

/** One credential's own new values, for writers of many credentials that differ (a bulk approval). */
export interface CredentialRowWrite {
  readonly id: number;
  readonly columns: Updateable<CredentialsTable>;
  /** When the tags change: the normalised tags it has and will have, for credential_tags. */
  readonly tags?: { readonly before: readonly string[]; readonly after: readonly string[] } | undefined;
}

// SQLite allows 32,766 bound parameters per statement; one VALUES row binds its columns and the id.
const MAX_PARAMETERS = 30_000;
const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Writes each credential its own columns, with the same version and updated_at rules as
 * updateCredentials: one `UPDATE ... FROM (VALUES ...)` per thousands of rows that set the same
 * columns, instead of one statement per credential, so a 100,000-credential bulk approval costs
 * tens of statements. Column names come from the caller's code (credentialChanges), never from
 * input; every value is bound.
 */
export async function updateCredentialRows(db: Kysely<CredentialsTables>, rows: readonly CredentialRowWrite[], stamp: string): Promise<void> {
  const shapes = new Map<string, { readonly columns: readonly string[]; readonly rows: CredentialRowWrite[] }>();
  for (const row of rows) {
    const columns = Object.keys(row.columns).filter((column) => (row.columns as Record<string, unknown>)[column] !== undefined).sort();
    if (columns.length === 0) continue;
    const key = columns.join('\0');
    const shape = shapes.get(key) ?? { columns, rows: [] };
    shape.rows.push(row);
    shapes.set(key, shape);
  }
  for (const { columns, rows: group } of shapes.values()) {
    // VALUES columns are named column1 (the id), column2, ... in order.
    const assignments = columns.map((column, i) => `${quoted(column)} = v.column${i + 2}`).join(', ');
    const tuple = `(${Array(columns.length + 1).fill('?').join(',')})`;
    const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / (columns.length + 1)));
    for (const part of chunks(group, perStatement)) {
      const parameters: unknown[] = [];
      for (const row of part) {
        parameters.push(row.id);
        for (const column of columns) parameters.push((row.columns as Record<string, unknown>)[column]);
      }
      const text = `update credentials set ${assignments}, updated_at = ?, version = credentials.version + 1 from (values ${Array(part.length).fill(tuple).join(',')}) as v where credentials.id = v.column1`;
      // updated_at's placeholder comes first in the text, before the VALUES ones.
      await db.executeQuery(CompiledQuery.raw(text, [stamp, ...parameters]));
    }
  }
}

/**
 * Brings the credential_tags rows of each credential in `rows` from its tags before to its tags
 * after: only the tags that go are deleted and only those that come are inserted (adding two tags
 * to 100,000 credentials writes 200,000 rows, not a delete and re-insert of every tag).
 */
export async function writeTagChangesOfRows(db: Kysely<CredentialsTables>, rows: readonly CredentialRowWrite[]): Promise<void> {
  const removed = new Map<string, number[]>();
  const added: { credential_id: number; tag: string }[] = [];
  for (const row of rows) {
    if (row.tags === undefined) continue;
    const before = new Set(row.tags.before);
    const after = new Set(row.tags.after);
    for (const tag of before) {
      if (after.has(tag)) continue;
      const ids = removed.get(tag);
      if (ids === undefined) removed.set(tag, [row.id]);
      else ids.push(row.id);
    }
    for (const tag of after) if (!before.has(tag)) added.push({ credential_id: row.id, tag });
  }
  for (const [tag, ids] of removed) {
    for (const part of chunks(ids, CHUNK)) await db.deleteFrom('credential_tags').where('tag', '=', tag).where('credential_id', 'in', part).execute();
  }
  await insertMany(db, 'credential_tags', added);
}
