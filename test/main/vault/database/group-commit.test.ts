import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { groupCommitOf, type GroupBatch } from '../../../../main/vault/database/group-commit';
import { useScratchVaultDatabase } from '../../../support/scratch-vault-database';

const openDatabase = useScratchVaultDatabase();

/** A batch that records each flush and writes its items as meta rows, in the group's transaction. */
function recordingBatch(flushes: string[][]): GroupBatch<string> {
  return {
    async flush(trx, items) {
      flushes.push([...items]);
      for (const item of items) await sql`insert into meta (key, value) values (${item}, 'batched')`.execute(trx);
    },
  };
}

const keys = (rows: unknown[]) => rows.map((row) => (row as { key: string }).key);

describe('the group commit’s batches', () => {
  it('flush once for the whole group, before its commit, with what each work deferred in order; a failed work’s items are dropped with its writes', async () => {
    const { db, driver } = await openDatabase();
    const flushes: string[][] = [];
    const batch = recordingBatch(flushes);
    const group = groupCommitOf(db);
    const results = await Promise.allSettled([
      group.run(async (trx, work) => {
        await sql`insert into meta (key, value) values ('w1', 'own')`.execute(trx);
        work.defer(batch, 'w1-a');
        work.defer(batch, 'w1-b');
        return 1;
      }),
      group.run(async (trx, work) => {
        await sql`insert into meta (key, value) values ('w2', 'own')`.execute(trx);
        work.defer(batch, 'w2');
        throw new Error('w2 fails');
      }),
      group.run((_trx, work) => {
        work.defer(batch, 'w3');
        return Promise.resolve(3);
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // One flush for three works: the batching this exists for.
    expect(flushes).toEqual([['w1-a', 'w1-b', 'w3']]);
    expect(keys(driver.prepare("SELECT key FROM meta WHERE key LIKE 'w%' ORDER BY rowid").all())).toEqual(['w1', 'w1-a', 'w1-b', 'w3']);
  });

  it('roll the whole group back when a flush fails: no work’s change commits without what it deferred', async () => {
    const { db, driver } = await openDatabase();
    const failing: GroupBatch<string> = { flush: () => Promise.reject(new Error('flush fails')) };
    const group = groupCommitOf(db);
    const results = await Promise.allSettled([
      group.run(async (trx, work) => {
        await sql`insert into meta (key, value) values ('v1', 'own')`.execute(trx);
        work.defer(failing, 'v1');
      }),
      group.run(async (trx) => {
        await sql`insert into meta (key, value) values ('v2', 'own')`.execute(trx);
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(driver.prepare("SELECT count(*) AS n FROM meta WHERE key LIKE 'v%'").get()).toEqual({ n: 0 });
  });

  it('refuse an item deferred after its work ended (it would not be rolled back with it)', async () => {
    const { db } = await openDatabase();
    const flushes: string[][] = [];
    let late: (() => void) | undefined;
    await groupCommitOf(db).run((_trx, work) => {
      late = () => work.defer(recordingBatch(flushes), 'late');
      return Promise.resolve();
    });
    expect(() => late?.()).toThrow(/after it ended/);
    expect(flushes).toEqual([]);
  });
});
