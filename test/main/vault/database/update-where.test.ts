import { describe, expect, it } from 'vitest';
import { ColumnExpression, updateWhere } from '../../../../main/vault/database/update-where';
import { useScratchVaultDatabase } from '../../../support/scratch-vault-database';

const openDatabase = useScratchVaultDatabase();

describe('updateWhere', () => {
  it('sets the given columns (an expression over the row as SQL) where every condition holds, null meaning IS NULL, and says how many rows changed', async () => {
    const { db, driver } = await openDatabase();
    driver.prepare("INSERT INTO meta (key, value) VALUES ('a', '1'), ('b', '2')").run();
    driver.prepare("INSERT INTO devices (hostname, ip, created_at, updated_at) VALUES ('h', '10.0.0.1', 't0', 't0'), ('i', '10.0.0.2', 't0', 't0')").run();

    expect(await updateWhere(db, 'meta', { value: 'one' }, { key: 'a' })).toBe(1);
    expect(await updateWhere(db, 'meta', { value: new ColumnExpression("value || '!'") }, { key: 'b' })).toBe(1);
    // A condition on a null column: IS NULL, where "= NULL" would match nothing (tags is null on both).
    expect(await updateWhere(db, 'devices', { updated_at: 't1' }, { tags: null, ip: '10.0.0.1' })).toBe(1);
    // Undefined keys are left out, as Kysely does; no row matching is not an error.
    expect(await updateWhere(db, 'meta', { value: 'x', key: undefined }, { key: 'missing' })).toBe(0);

    expect(driver.prepare('SELECT key, value FROM meta WHERE key IN (?, ?) ORDER BY key').all('a', 'b')).toEqual([
      { key: 'a', value: 'one' },
      { key: 'b', value: '2!' },
    ]);
    expect(driver.prepare('SELECT hostname, updated_at FROM devices ORDER BY hostname').all()).toEqual([
      { hostname: 'h', updated_at: 't1' },
      { hostname: 'i', updated_at: 't0' },
    ]);
  });

  it('refuses an update without a condition or without a column rather than touch every row', async () => {
    const { db } = await openDatabase();
    await expect(updateWhere(db, 'meta', { value: 'x' }, {})).rejects.toThrow(/no condition/);
    await expect(updateWhere(db, 'meta', { value: undefined }, { key: 'a' })).rejects.toThrow(/sets no column/);
  });

  it('runs in the caller’s transaction: rolled back with it', async () => {
    const { db, driver } = await openDatabase();
    driver.prepare("INSERT INTO meta (key, value) VALUES ('a', '1')").run();
    await expect(
      db.transaction().execute(async (trx) => {
        await updateWhere(trx, 'meta', { value: 'changed' }, { key: 'a' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(driver.prepare("SELECT value FROM meta WHERE key = 'a'").get()).toEqual({ value: '1' });
  });
});
