import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialsTables } from '../../../main/credentials/credential-tables';
import { queryCredentials } from '../../../main/credentials/query-credentials';
import { upsertCredential } from '../../../main/credentials/upsert-credential';
import { CREDENTIAL_SORT_COLUMNS } from '../../../shared/domain/credential-grid-query';
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

beforeAll(async () => {
  vault = await openTestVault();
  db = new Kysely<CredentialsTables>({ dialect: new SqliteDialect({ database: vault.raw }), log: (event) => void logged.push(event.query) });
  // Lookups in a different order from the hostnames, with one device lacking each, so a walk that
  // ignored the names or dropped the devices without one shows.
  const devices = [
    { hostname: 'b-host', ip: '10.0.0.2', type: 'Linux', vendor: 'Cisco', model: null },
    { hostname: 'a-host', ip: '10.0.0.9', type: null, vendor: 'Arista', model: 'X1' },
    { hostname: 'a-host', ip: '10.0.0.1', type: 'Linux', vendor: null, model: 'A9' },
    { hostname: 'c-host', ip: '10.0.0.3', type: 'AIX', vendor: 'Arista', model: 'X1' },
  ] as const;
  for (const { hostname, ip, type, vendor, model } of devices) {
    await seedDevice(vault, { hostname, ip, type, vendor, model });
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
  for (const column of CREDENTIAL_SORT_COLUMNS) {
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
      'c-host 10.0.0.3 root',
      'c-host 10.0.0.3 admin',
    ]);
    const desc = await queryCredentials(db, { sort: { column: 'hostname', direction: 'desc' }, limit: 10 });
    expect(desc.rows.map((r) => r.id)).toEqual(asc.rows.map((r) => r.id).reverse());
    const byIp = await queryCredentials(db, { sort: { column: 'ip', direction: 'asc' }, limit: 10 });
    expect(byIp.rows.map((r) => r.ip)).toEqual(['10.0.0.1', '10.0.0.1', '10.0.0.2', '10.0.0.2', '10.0.0.3', '10.0.0.3', '10.0.0.9', '10.0.0.9']);
  });

  it("orders by a lookup's name, then hostname and IP, devices without one first ascending, and pages across both walks", async () => {
    const expected = {
      device_type: ['- a-host 10.0.0.9', 'AIX c-host 10.0.0.3', 'Linux a-host 10.0.0.1', 'Linux b-host 10.0.0.2'],
      device_vendor: ['- a-host 10.0.0.1', 'Arista a-host 10.0.0.9', 'Arista c-host 10.0.0.3', 'Cisco b-host 10.0.0.2'],
      device_model: ['- b-host 10.0.0.2', 'A9 a-host 10.0.0.1', 'X1 a-host 10.0.0.9', 'X1 c-host 10.0.0.3'],
    } as const;
    for (const column of ['device_type', 'device_vendor', 'device_model'] as const) {
      const asc = await queryCredentials(db, { sort: { column, direction: 'asc' }, limit: 20 });
      expect(asc.rows.map((r) => `${r[column] ?? '-'} ${r.hostname} ${r.ip} ${r.username}`)).toEqual(expected[column].flatMap((device) => [`${device} root`, `${device} admin`]));
      const ascIds = asc.rows.map((r) => r.id);
      const descIds = (await queryCredentials(db, { sort: { column, direction: 'desc' }, limit: 20 })).rows.map((r) => r.id);
      expect(descIds).toEqual([...ascIds].reverse());
      // Every page of three, so pages start inside the first walk, across its end, and in the second.
      for (const [direction, ids] of [['asc', ascIds], ['desc', descIds]] as const) {
        for (let offset = 0; offset <= ids.length; offset += 1) {
          const page = await queryCredentials(db, { sort: { column, direction }, limit: 3, offset });
          expect(page.rows.map((r) => r.id), `${column} ${direction} offset ${offset}`).toEqual(ids.slice(offset, offset + 3));
        }
      }
    }
    // A filter that leaves the first walk empty: the page is the second walk's, from its start.
    const linux = await queryCredentials(db, { sort: { column: 'device_type', direction: 'asc' }, filters: { device_type: ['Linux'] }, limit: 2, offset: 1 });
    expect(linux.rows.map((r) => `${r.hostname} ${r.ip} ${r.username}`)).toEqual(['a-host 10.0.0.1 admin', 'b-host 10.0.0.2 root']);
  });
});
