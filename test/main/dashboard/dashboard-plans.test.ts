import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialCounters } from '../../../main/dashboard/credential-counters';
import type { VaultDatabase } from '../../../main/vault/database/vault-schema';
import { openTestVault, type TestVault } from '../credentials/test-db';

/**
 * The dashboard's counters read what they count, never every credential: one pass over 1,000,000
 * credentials (with a subquery per row for "last change failed") took 3.5 s of main's thread, and
 * "archived_at IS NULL" once led SQLite through the archived index to every row (migration 0021).
 * Checked on the plans of the queries credentialCounters really runs.
 */
let vault: TestVault;
let db: Kysely<VaultDatabase>;
const logged: CompiledQuery[] = [];

beforeAll(async () => {
  vault = await openTestVault();
  db = new Kysely<VaultDatabase>({ dialect: new SqliteDialect({ database: vault.raw }), log: (event) => void logged.push(event.query) });
});
afterAll(async () => {
  await db.destroy();
});

describe('dashboard counter plans', () => {
  it('scan no table of credentials or operations', async () => {
    await credentialCounters(db, new Date('2025-06-01T00:00:00.000Z'), 7);
    expect(logged.length).toBeGreaterThan(3);
    for (const query of logged) {
      const plan = (vault.raw.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.parameters as unknown[])) as { detail: string }[]).map((row) => row.detail);
      expect(plan.filter((line) => /^SCAN (c|credentials|o|operations)\b/.test(line)), `${query.sql}\n${plan.join(' | ')}`).toEqual([]);
    }
  });
});
