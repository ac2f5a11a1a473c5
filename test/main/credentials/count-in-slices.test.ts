import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countInSlices } from '../../../main/credentials/count-in-slices';
import { openTestVault, type TestVault } from './test-db';

/** A count over most of a large vault is taken in slices of ids, with the event loop turning between them. */
let vault: TestVault;
const NOW = '2025-01-01T00:00:00.000Z';

beforeAll(async () => {
  vault = await openTestVault();
  vault.raw.prepare('insert into devices(hostname, ip, created_at, updated_at) values (?, ?, ?, ?)').run('h', '10.0.0.1', NOW, NOW);
  for (let i = 1; i <= 20; i += 1) vault.raw.prepare("insert into credentials(identifier, username, device_id, status, created_at, updated_at) values (?, ?, 1, ?, ?, ?)").run(`c${i}`, `u${i}`, i % 3 === 0 ? 'inactive' : 'active', NOW, NOW);
});
afterAll(async () => vault.close());

const inactiveBetween = async (first: number, last: number) =>
  Number((await sql<{ n: number }>`select count(*) as n from credentials where status = 'inactive' and id between ${first} and ${last}`.execute(vault.db)).rows[0]?.n ?? 0);

describe('countInSlices', () => {
  it('adds up to the one-statement count and lets other work run between slices', async () => {
    const slices: [number, number][] = [];
    let turnsTaken = 0;
    const counting = countInSlices(vault.db, async (first, last) => {
      slices.push([first, last]);
      // Work queued now can run only if the count yields before its next slice.
      setImmediate(() => (turnsTaken += 1));
      return inactiveBetween(first, last);
    }, 6);
    expect(await counting).toBe(6);
    expect(slices).toEqual([[1, 6], [7, 12], [13, 18], [19, 20]]);
    expect(turnsTaken).toBeGreaterThanOrEqual(3);
  });

  it('is one statement inside a transaction (a turn there would let other requests into it)', async () => {
    const slices: [number, number][] = [];
    const total = await vault.db.transaction().execute((trx) => countInSlices(trx, async (first, last) => (slices.push([first, last]), 20), 6));
    expect(total).toBe(20);
    expect(slices).toEqual([[1, 20]]);
  });
});
