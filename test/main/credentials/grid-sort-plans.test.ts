import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialsTables } from '../../../main/credentials/credential-tables';
import { queryCredentials } from '../../../main/credentials/query-credentials';
import { upsertCredential } from '../../../main/credentials/upsert-credential';
import { CREDENTIAL_SORT_COLUMNS, type CredentialSortColumn } from '../../../shared/domain/credential-grid-query';
import { seedDevice } from './fixtures';
import { openTestVault, type TestVault } from './test-db';

/**
 * A sorted page must be read by walking an index in the sort's order, never by sorting every
 * matching credential first: at 1,000,000 credentials that sort cost 1.7-2.9 s per page for the
 * device columns (hostname, IP) and would for any other. Checked on the plan SQLite chooses for
 * the page query queryCredentials really runs (captured from Kysely's log).
 */
let vault: TestVault;
let logged: CompiledQuery[] = [];
let db: Kysely<CredentialsTables>;

/** Sorting by the device's lookups (type, vendor, model) still sorts: named in the closing note. */
const NOT_WALKED: readonly CredentialSortColumn[] = ['device_type', 'device_vendor', 'device_model'];

beforeAll(async () => {
  vault = await openTestVault();
  db = new Kysely<CredentialsTables>({ dialect: new SqliteDialect({ database: vault.raw }), log: (event) => void logged.push(event.query) });
  for (const [hostname, ip] of [['b-host', '10.0.0.2'], ['a-host', '10.0.0.9'], ['a-host', '10.0.0.1']] as const) {
    await seedDevice(vault, { hostname, ip });
    for (const username of ['root', 'admin']) {
      const result = await upsertCredential(vault.deps, { identifier: `${hostname}-${ip}-${username}`, username, hostname, ip });
      if (!result.ok) throw new Error(result.response.response.message);
    }
  }
});
afterAll(async () => {
  await db.destroy();
});

function pageQueryPlan(): string[] {
  const page = logged.find((query) => / order by /i.test(query.sql) && / limit /i.test(query.sql));
  if (page === undefined) throw new Error(`no page query among: ${logged.map((q) => q.sql).join('\n')}`);
  return (vault.raw.prepare(`EXPLAIN QUERY PLAN ${page.sql}`).all(...(page.parameters as unknown[])) as { detail: string }[]).map((row) => row.detail);
}

describe('grid sort plans', () => {
  for (const column of CREDENTIAL_SORT_COLUMNS.filter((c) => !NOT_WALKED.includes(c))) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`walks an index for ${column} ${direction}, with and without a filter`, async () => {
        for (const filters of [undefined, { status: ['active' as const] }]) {
          logged = [];
          await queryCredentials(db, { sort: { column, direction }, limit: 2, ...(filters ? { filters } : {}) });
          const plan = pageQueryPlan();
          // A sort of the last term within one device's few credentials is fine; of every row is not.
          expect(plan.filter((line) => /USE TEMP B-TREE FOR (?!LAST TERM|RIGHT PART)/.test(line)), plan.join(' | ')).toEqual([]);
        }
      });
    }
  }

  it('keeps a rare filter value as the index that finds the rows (then sorts those few)', async () => {
    vault.raw.prepare("insert into credential_tags(credential_id, tag) select id, 'rare' from credentials where username = 'root' and identifier like 'b-host%'").run();
    logged = [];
    const page = await queryCredentials(db, { sort: { column: 'identifier', direction: 'asc' }, filters: { tags: ['rare'] }, limit: 2 });
    expect(page.rows.map((r) => r.identifier)).toEqual(['b-host-10.0.0.2-root']);
    const plan = pageQueryPlan();
    expect(plan.some((line) => /SEARCH c USING INTEGER PRIMARY KEY/.test(line)), plan.join(' | ')).toBe(true);
  });

  it('orders by hostname, then IP, then the credential, in both directions', async () => {
    const asc = await queryCredentials(db, { sort: { column: 'hostname', direction: 'asc' }, limit: 10 });
    expect(asc.rows.map((r) => `${r.hostname} ${r.ip} ${r.username}`)).toEqual([
      'a-host 10.0.0.1 root',
      'a-host 10.0.0.1 admin',
      'a-host 10.0.0.9 root',
      'a-host 10.0.0.9 admin',
      'b-host 10.0.0.2 root',
      'b-host 10.0.0.2 admin',
    ]);
    const desc = await queryCredentials(db, { sort: { column: 'hostname', direction: 'desc' }, limit: 10 });
    expect(desc.rows.map((r) => r.id)).toEqual(asc.rows.map((r) => r.id).reverse());
    const byIp = await queryCredentials(db, { sort: { column: 'ip', direction: 'asc' }, limit: 10 });
    expect(byIp.rows.map((r) => r.ip)).toEqual(['10.0.0.1', '10.0.0.1', '10.0.0.2', '10.0.0.2', '10.0.0.9', '10.0.0.9']);
  });
});
