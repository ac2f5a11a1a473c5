import { describe, expect, it } from 'vitest';
import { SEALED_SECRET_COLUMNS } from '../../../main/session/sealed-fields';
import { useScratchVaultDatabase } from '../../support/scratch-vault-database';

const scratch = useScratchVaultDatabase();

describe('the sealed columns key rotation re-seals', () => {
  it('are exactly the BLOB columns of the migrated schema: a new sealed column cannot be forgotten by rotation', async () => {
    const { driver } = await scratch();
    const tables = driver.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
    const blobs: string[] = [];
    for (const { name } of tables) {
      const columns = driver.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(name) as { name: string; type: string }[];
      for (const column of columns) if (column.type.toLowerCase() === 'blob') blobs.push(`${name}.${column.name}`);
    }
    // FTS5 shadow tables hold their own blobs (index structure, not field-cipher output).
    expect(blobs.length).toBeGreaterThanOrEqual(SEALED_SECRET_COLUMNS.length);
    const own = blobs.filter((column) => !/_(data|idx|content|docsize|config)\./.test(column));
    expect(own.sort()).toEqual([...SEALED_SECRET_COLUMNS].sort());
  });
});
