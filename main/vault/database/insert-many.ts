import { CompiledQuery, type Kysely } from 'kysely';

// SQLite allows 32,766 bound parameters per statement.
const MAX_PARAMETERS = 30_000;

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Many rows into one table in multi-row INSERTs, inside the caller's transaction. For writers of
 * tens of thousands of rows (an import, its audit entries): the statement text is built directly,
 * without a query-builder node per value, and one statement carries up to ~30,000 values. Rows are
 * grouped by the columns they set (a multi-row VALUES needs the same columns in every row, and a
 * column left out must take its table default, not NULL); a key whose value is undefined is left out.
 * Table and column names come from the caller's code, never from input; values are bound.
 */
export async function insertMany<DB>(db: Kysely<DB>, table: string & keyof DB, rows: readonly Readonly<Record<string, unknown>>[]): Promise<void> {
  const groups = new Map<string, { readonly columns: readonly string[]; readonly rows: Readonly<Record<string, unknown>>[] }>();
  for (const row of rows) {
    const columns = Object.keys(row).filter((column) => row[column] !== undefined);
    const shape = columns.join('\0');
    const group = groups.get(shape);
    if (group === undefined) groups.set(shape, { columns, rows: [row] });
    else group.rows.push(row);
  }
  for (const { columns, rows: group } of groups.values()) {
    const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
    const tuple = `(${columns.map(() => '?').join(',')})`;
    const head = `insert into ${quoted(table)} (${columns.map(quoted).join(',')}) values `;
    for (let from = 0; from < group.length; from += perStatement) {
      const part = group.slice(from, from + perStatement);
      const parameters: unknown[] = [];
      for (const row of part) for (const column of columns) parameters.push(row[column]);
      await db.executeQuery(CompiledQuery.raw(head + Array(part.length).fill(tuple).join(','), parameters));
    }
  }
}
