import { CompiledQuery, type Kysely, type Transaction, type Updateable } from 'kysely';

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A column value written as SQL over the row's own columns ("version + 1"), from code, never from input. */
export class ColumnExpression {
  constructor(readonly sql: string) {}
}

type SetOf<Row> = { readonly [K in keyof Updateable<Row>]?: Updateable<Row>[K] | ColumnExpression };
type WhereOf<Row> = { readonly [K in keyof Row]?: unknown };

/**
 * One UPDATE ... SET ... WHERE with equality conditions (a null value means IS NULL), run in the
 * caller's transaction, returning how many rows it changed. For the runner's hot path, where
 * building and compiling the query tree cost more than SQLite running it: the text is joined
 * directly from the column names (the statement cache then reuses the prepared statement per
 * shape). A key whose value is undefined is left out, as Kysely does. Table and column names come
 * from the caller's code, never from input; values are bound.
 */
export async function updateWhere<DB, TB extends string & keyof DB>(db: Kysely<DB> | Transaction<DB>, table: NoInfer<TB>, set: NoInfer<SetOf<DB[TB]>>, where: NoInfer<WhereOf<DB[TB]>>): Promise<number> {
  const parameters: unknown[] = [];
  const assignments: string[] = [];
  for (const [column, value] of Object.entries(set)) {
    if (value === undefined) continue;
    if (value instanceof ColumnExpression) {
      assignments.push(`${quoted(column)} = ${value.sql}`);
    } else {
      assignments.push(`${quoted(column)} = ?`);
      parameters.push(value);
    }
  }
  if (assignments.length === 0) throw new Error(`updateWhere on ${table} sets no column.`);
  const conditions: string[] = [];
  for (const [column, value] of Object.entries(where)) {
    if (value === undefined) continue;
    if (value === null) {
      conditions.push(`${quoted(column)} is null`);
    } else {
      conditions.push(`${quoted(column)} = ?`);
      parameters.push(value);
    }
  }
  // An update of every row is never what the hot path means: refuse it rather than run it.
  if (conditions.length === 0) throw new Error(`updateWhere on ${table} has no condition.`);
  const result = await db.executeQuery(CompiledQuery.raw(`update ${quoted(table)} set ${assignments.join(', ')} where ${conditions.join(' and ')}`, parameters));
  return Number(result.numAffectedRows ?? 0n);
}
