import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialFacets } from '../../../main/credentials/credential-facets';
import type { CredentialsTables } from '../../../main/credentials/credential-tables';
import type { CredentialFacets } from '../../../shared/domain/credential-grid-query';
import { openTestVault, type TestVault } from './test-db';

/**
 * The filter menus' counts are kept by triggers (migration 0020). The oracle is what the menus used
 * to run: GROUP BYs over the live credentials. After every step of a seeded random workload of
 * the writes pamdesk makes (create, edit, move to another device, retag, archive, restore, delete,
 * a device's new type) the two must agree exactly.
 */
async function recounted(db: Kysely<CredentialsTables>): Promise<CredentialFacets> {
  const group = async (column: string) =>
    (await sql.raw<{ value: string; count: number }>(`select ${column} as value, count(*) as count from credentials where ${column} is not null and archived_at is null group by ${column} order by ${column}`).execute(db)).rows.map((r) => ({ value: String(r.value), count: Number(r.count) }));
  const tags = (await sql<{ value: string; count: number }>`select t.tag as value, count(*) as count from credential_tags t join credentials c on c.id = t.credential_id where c.archived_at is null group by t.tag order by t.tag`.execute(db)).rows;
  const types = (await sql<{ value: string; count: number }>`select t.name as value, count(*) as count from credentials c join devices d on d.id = c.device_id join device_types t on t.id = d.type_id where c.archived_at is null group by t.name order by t.name`.execute(db)).rows;
  return {
    types: await group('credential_type'),
    domains: await group('domain'),
    tags: tags.map((r) => ({ value: r.value, count: Number(r.count) })),
    device_types: types.map((r) => ({ value: r.value, count: Number(r.count) })),
    statuses: await group('status'),
    in_sync: await group('in_sync'),
  };
}

/** A small deterministic generator (mulberry32), so a failure replays. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOW = '2025-01-01T00:00:00.000Z';
const TAGS = ['linux', 'prod', 'pci', 'dmz'];
const CREDENTIAL_TYPES = ['Local User', 'Domain User', 'Service Account'];
const DOMAINS = [null, 'corp', 'lab'];
const IN_SYNC = ['unknown', 'InSync', 'NotInSync'];

describe('filter menu counts kept by triggers', () => {
  let vault: TestVault;
  beforeEach(async () => {
    vault = await openTestVault();
  });
  afterEach(async () => {
    await vault.close();
  });

  it('agree with counting every live credential after each write of a random workload', async () => {
    const { raw } = vault;
    for (const name of ['Linux', 'Switch', 'Router']) raw.prepare('insert into device_types(name) values (?)').run(name);
    for (let d = 1; d <= 6; d += 1) raw.prepare('insert into devices(hostname, ip, type_id, created_at, updated_at) values (?, ?, ?, ?, ?)').run(`host-${d}`, `10.0.0.${d}`, d === 6 ? null : 1 + (d % 3), NOW, NOW);
    const next = random(14);
    const pick = <T,>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
    const managedKept = () => raw.prepare("select value, count from credential_facet_counts where facet = 'automatic_change' and count > 0 order by value").all();
    const managedRecounted = () => raw.prepare('select automatic_change as value, count(*) as count from credentials where archived_at is null group by automatic_change order by automatic_change').all();
    const ids = (): number[] => (raw.prepare('select id from credentials').all() as { id: number }[]).map((r) => r.id);
    let created = 0;
    const steps: string[] = [];
    for (let step = 0; step < 600; step += 1) {
      const existing = ids();
      const action = existing.length < 5 ? 'create' : pick(['create', 'create', 'edit', 'manage', 'move', 'retag', 'archive', 'restore', 'delete', 'device-type', 'same', 'edit-archive', 'restore-edit', 'bulk']);
      const id = pick(existing);
      steps.push(`${action} ${id ?? ''}`);
      switch (action) {
        case 'create': {
          created += 1;
          const result = raw
            .prepare('insert into credentials(identifier, username, device_id, credential_type, domain, status, in_sync, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)')
            .run(`cred-${created}`, `user${created}`, 1 + Math.floor(next() * 6), pick(CREDENTIAL_TYPES), pick(DOMAINS), pick(['active', 'inactive']), pick(IN_SYNC), NOW, NOW);
          for (const tag of TAGS.filter(() => next() < 0.5)) raw.prepare('insert into credential_tags(credential_id, tag) values (?, ?)').run(result.lastInsertRowid, tag);
          break;
        }
        case 'edit':
          raw.prepare('update credentials set credential_type = ?, domain = ?, status = ?, in_sync = ? where id = ?').run(pick(CREDENTIAL_TYPES), pick(DOMAINS), pick(['active', 'inactive']), pick(IN_SYNC), id);
          break;
        case 'manage':
          // automatic_change is generated from the execution settings.
          raw.prepare('update credentials set execution_settings = ? where id = ?').run(pick([null, '{"automatic_change":true}', '{"automatic_change":false}']), id);
          break;
        case 'move':
          // A unique username per credential: any device takes it.
          raw.prepare('update credentials set device_id = ? where id = ?').run(1 + Math.floor(next() * 6), id);
          break;
        case 'retag':
          // As credential-writes does it: the rows replaced.
          raw.prepare('delete from credential_tags where credential_id = ?').run(id);
          for (const tag of TAGS.filter(() => next() < 0.5)) raw.prepare('insert into credential_tags(credential_id, tag) values (?, ?)').run(id, tag);
          break;
        case 'archive':
          raw.prepare('update credentials set archived_at = ? where id = ? and archived_at is null').run(NOW, id);
          break;
        case 'restore':
          raw.prepare('update credentials set archived_at = null where id = ?').run(id);
          break;
        case 'delete':
          raw.prepare('delete from credentials where id = ?').run(id);
          break;
        case 'device-type':
          raw.prepare('update devices set type_id = ? where id = ?').run(pick([1, 2, 3, null]), 1 + Math.floor(next() * 6));
          break;
        case 'same':
          // Every counted column named, none changed (a save that changed nothing): nothing moves.
          raw.prepare('update credentials set credential_type = credential_type, domain = domain, status = status, in_sync = in_sync, execution_settings = execution_settings, device_id = device_id, archived_at = archived_at where id = ?').run(id);
          break;
        case 'edit-archive':
          // A value and the liveness in one write: the old values leave, nothing comes in.
          raw.prepare('update credentials set credential_type = ?, archived_at = ? where id = ?').run(pick(CREDENTIAL_TYPES), pick([NOW, null]), id);
          break;
        case 'restore-edit':
          raw.prepare('update credentials set domain = ?, device_id = ?, archived_at = null where id = ?').run(pick(DOMAINS), 1 + Math.floor(next() * 6), id);
          break;
        case 'bulk': {
          // As a bulk approval writes (credential-writes.ts): many rows in one UPDATE ... FROM (VALUES ...).
          const some = existing.filter(() => next() < 0.5);
          if (some.length === 0) break;
          const tuples = some.map(() => '(?, ?, ?)').join(', ');
          raw
            .prepare(`update credentials set credential_type = v.column2, execution_settings = v.column3 from (values ${tuples}) as v where credentials.id = v.column1`)
            .run(...some.flatMap((one) => [one, pick(CREDENTIAL_TYPES), pick([null, '{"automatic_change":true}', '{"automatic_change":false}'])]));
          break;
        }
      }
      expect(await credentialFacets(vault.db), `after: ${steps.slice(-5).join(', ')}`).toEqual(await recounted(vault.db));
      expect(managedKept(), `after: ${steps.slice(-5).join(', ')}`).toEqual(managedRecounted());
    }
    // The workload reached every kind of write.
    for (const action of ['create', 'edit', 'manage', 'move', 'retag', 'archive', 'restore', 'delete', 'device-type', 'same', 'edit-archive', 'restore-edit', 'bulk']) expect(steps.some((s) => s.startsWith(action))).toBe(true);
  });

  it('are filled from the rows already there when the migration runs', async () => {
    // The migration test's view: drop the kept counts, rerun 0020's fill, compare.
    const { raw } = vault;
    raw.prepare('insert into device_types(name) values (?)').run('Linux');
    raw.prepare('insert into devices(hostname, ip, type_id, created_at, updated_at) values (?, ?, 1, ?, ?)').run('h', '10.0.0.1', NOW, NOW);
    for (let i = 0; i < 5; i += 1) {
      raw.prepare('insert into credentials(identifier, username, device_id, domain, archived_at, created_at, updated_at) values (?, ?, 1, ?, ?, ?, ?)').run(`c${i}`, `u${i}`, i % 2 ? 'corp' : null, i === 4 ? NOW : null, NOW, NOW);
      raw.prepare('insert into credential_tags(credential_id, tag) values (?, ?)').run(i + 1, i % 2 ? 'prod' : 'dev');
    }
    const { migration0020CredentialFacetCounts } = await import('../../../main/vault/migrations/0020-credential-facet-counts');
    for (const row of raw.prepare("select name from sqlite_master where type = 'trigger' and name like 'credential_facets%'").all() as { name: string }[]) raw.exec(`drop trigger ${row.name}`);
    raw.exec('drop table credential_facet_counts');
    await migration0020CredentialFacetCounts.up(vault.db as Kysely<unknown>);
    expect(await credentialFacets(vault.db)).toEqual(await recounted(vault.db));
    expect((await credentialFacets(vault.db)).tags).toEqual([{ value: 'dev', count: 2 }, { value: 'prod', count: 2 }]);
  });
});
