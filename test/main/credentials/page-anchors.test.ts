import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialsTables } from '../../../main/credentials/credential-tables';
import { createPageAnchors } from '../../../main/credentials/page-anchors';
import { queryCredentials } from '../../../main/credentials/query-credentials';
import type { CredentialGridQuery } from '../../../shared/domain/credential-grid-query';
import { openTestVault, type TestVault } from './test-db';

/**
 * A deep page seeks from where an earlier page of the same query ended (keyset) instead of stepping
 * over every row before it; it must give exactly the rows OFFSET gives, in every sort, after
 * writes, and never from an anchor recorded before the data changed.
 */
let vault: TestVault;
let db: Kysely<CredentialsTables>;
const logged: CompiledQuery[] = [];
const NOW = '2025-01-01T00:00:00.000Z';

beforeAll(async () => {
  vault = await openTestVault();
  db = new Kysely<CredentialsTables>({ dialect: new SqliteDialect({ database: vault.raw }), log: (event) => void logged.push(event.query) });
  vault.raw.prepare('insert into devices(hostname, ip, created_at, updated_at) values (?, ?, ?, ?)').run('h', '10.0.0.1', NOW, NOW);
  // Usernames and statuses repeat, so ties are broken by id across page ends.
  for (let i = 1; i <= 60; i += 1) {
    vault.raw.prepare("insert into credentials(identifier, username, device_id, status, kind, created_at, updated_at) values (?, ?, 1, ?, 'password', ?, ?)").run(`c-${String((i * 37) % 61).padStart(2, '0')}`, `user${i % 7}-${i}`, i % 4 === 0 ? 'inactive' : 'active', NOW, NOW);
  }
});
afterAll(async () => {
  await db.destroy();
});

const ids = async (query: CredentialGridQuery, anchors?: ReturnType<typeof createPageAnchors>) => (await queryCredentials(db, query, anchors ? { anchors } : {})).rows.map((row) => row.id);

describe('page anchors', () => {
  for (const sort of [
    { column: 'identifier', direction: 'asc' },
    { column: 'identifier', direction: 'desc' },
    { column: 'username', direction: 'asc' },
    { column: 'status', direction: 'desc' },
  ] as const) {
    it(`give the rows OFFSET gives, sorted by ${sort.column} ${sort.direction}, pages read in any order and after a write`, async () => {
      const anchors = createPageAnchors();
      for (const offset of [0, 7, 14, 35, 21, 49, 56, 28, 3, 42]) {
        const query: CredentialGridQuery = { sort, offset, limit: 7, count: 'capped' };
        expect(await ids(query, anchors), `offset ${offset}`).toEqual(await ids(query));
      }
      // A new credential lands inside the walk: an anchor from before would shift every later page.
      vault.raw.prepare("insert into credentials(identifier, username, device_id, status, created_at, updated_at) values ('c-00a', 'user0-a', 1, 'active', ?, ?)").run(NOW, NOW);
      for (const offset of [49, 14, 56]) {
        const query: CredentialGridQuery = { sort, offset, limit: 7, count: 'capped' };
        expect(await ids(query, anchors), `after the write, offset ${offset}`).toEqual(await ids(query));
      }
      // A change to the records is audited in its transaction: the moved audit head drops the anchors.
      vault.raw.prepare("update credentials set status = 'inactive' where identifier = 'c-05'").run();
      vault.raw.prepare("insert into audit_log(id, at, actor, shell, action, object_type, object_id, details, prev_hash, hash) select coalesce(max(id), 0) + 1, ?, 'admin', 'cli', 'credential.update', 'credential', '5', '{}', 'x', 'h' || (coalesce(max(id), 0) + 1) from audit_log").run(NOW);
      for (const offset of [49, 14, 56, 35]) {
        const query: CredentialGridQuery = { sort, offset, limit: 7, count: 'capped' };
        expect(await ids(query, anchors), `after an audited edit, offset ${offset}`).toEqual(await ids(query));
      }
      vault.raw.prepare("update credentials set status = 'active' where identifier = 'c-05'").run();
      vault.raw.prepare("delete from credentials where identifier = 'c-00a'").run();
    });
  }

  it('seeks: a page after another starts past its end and skips only the rows between', async () => {
    const anchors = createPageAnchors();
    await ids({ offset: 0, limit: 10, count: 'capped' }, anchors);
    logged.length = 0;
    await ids({ offset: 15, limit: 10, count: 'capped' }, anchors);
    const page = logged.find((query) => / order by /i.test(query.sql) && / offset /i.test(query.sql));
    expect(page?.sql).toMatch(/\("c"\."identifier", "c"\."id"\) > \(\?, \?\)/);
    expect(page?.parameters.at(-1)).toBe(5);
  });

  it('does not seek on a sort whose column may be NULL (a row-value comparison would skip the NULLs)', async () => {
    const anchors = createPageAnchors();
    await ids({ sort: { column: 'domain', direction: 'asc' }, offset: 0, limit: 10, count: 'capped' }, anchors);
    logged.length = 0;
    expect(await ids({ sort: { column: 'domain', direction: 'asc' }, offset: 10, limit: 10, count: 'capped' }, anchors)).toEqual(await ids({ sort: { column: 'domain', direction: 'asc' }, offset: 10, limit: 10, count: 'capped' }));
    expect(logged.some((query) => / > \(\?/.test(query.sql))).toBe(false);
  });
});
