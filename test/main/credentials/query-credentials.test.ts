import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { credentialFacets } from '../../../main/credentials/credential-facets';
import { queryCredentials } from '../../../main/credentials/query-credentials';
import { upsertCredential } from '../../../main/credentials/upsert-credential';
import { toFtsMatchQuery } from '../../../main/credentials/fts-match-query';
import { openTestVault, type TestVault } from './test-db';
import { seedDevice, seedTemplate } from './fixtures';

let vault: TestVault;

async function put(body: Record<string, unknown>): Promise<void> {
  const result = await upsertCredential(vault.deps, body);
  if (!result.ok) throw new Error(result.response.response.message);
}

beforeAll(async () => {
  vault = await openTestVault();
  await seedDevice(vault, { hostname: 'w2016', ip: '10.66.33.15', type: 'Windows', vendor: 'Microsoft', model: 'Server 2016' });
  await seedDevice(vault, { hostname: 'db-lisbon-01', ip: '192.168.1.20', type: 'Linux', vendor: 'Debian', model: '12' });
  await seedDevice(vault, { hostname: 'core-sw', ip: '10.0.0.1', type: 'Switch', vendor: 'Cisco', model: 'Catalyst' });
  // Execution settings must name an existing template (error 9102).
  await seedTemplate(vault, 'Linux');
  await put({ identifier: 'win-admin', username: 'Administrator', hostname: 'w2016', ip: '10.66.33.15', tags: 'windows,prod', domain: 'CORP', credential_type: 'Domain User' });
  await put({ identifier: 'win-svc', username: 'svc_backup', hostname: 'w2016', ip: '10.66.33.15', tags: 'backup', domain: 'CORP' });
  await put({ identifier: 'db-root', username: 'root', hostname: 'db-lisbon-01', ip: '192.168.1.20', tags: 'prod,linux', execution_settings: { automatic_change: true, change_plugin: 'SSH', change_template: 'Linux' } });
  await put({ identifier: 'db-postgres', username: 'postgres', hostname: 'db-lisbon-01', ip: '192.168.1.20', status: 'inactive' });
  await put({ identifier: 'sw-enable', username: 'enable', hostname: 'core-sw', ip: '10.0.0.1', credential_type: 'Network', tags: 'network' });
  vault.raw.prepare("update credentials set in_sync = 'InSync', last_changed_at = '2025-02-01T00:00:00.000Z' where identifier = 'db-root'").run();
});
afterAll(async () => vault.close());
afterEach(() => undefined);

const ids = (page: { rows: readonly { identifier: string }[] }) => page.rows.map((r) => r.identifier);

describe('queryCredentials', () => {
  it('returns every grid column', async () => {
    const page = await queryCredentials(vault.db, { search: 'db-root' });
    expect(page.total).toBe(1);
    expect(page.rows[0]).toEqual({
      id: expect.any(Number),
      identifier: 'db-root',
      kind: 'password',
      username: 'root',
      hostname: 'db-lisbon-01',
      ip: '192.168.1.20',
      credential_type: 'Local User',
      domain: null,
      device_type: 'Linux',
      device_vendor: 'Debian',
      device_model: '12',
      tags: ['prod', 'linux'],
      status: 'active',
      automatic_change: true,
      in_sync: 'InSync',
      last_changed_at: '2025-02-01T00:00:00.000Z',
      next_change_at: null,
    });
  });

  it('searches by prefix as the operator types, across hostname, ip, username, tags, domain and device fields', async () => {
    expect(ids(await queryCredentials(vault.db, { search: 'w20' }))).toEqual(['win-admin', 'win-svc']);
    expect(ids(await queryCredentials(vault.db, { search: '10.66' }))).toEqual(['win-admin', 'win-svc']);
    expect(ids(await queryCredentials(vault.db, { search: 'adm' }))).toEqual(['win-admin']);
    expect(ids(await queryCredentials(vault.db, { search: 'cisc' }))).toEqual(['sw-enable']);
    expect(ids(await queryCredentials(vault.db, { search: 'corp' }))).toEqual(['win-admin', 'win-svc']);
    expect(ids(await queryCredentials(vault.db, { search: 'prod lis' }))).toEqual(['db-root']);
    expect(ids(await queryCredentials(vault.db, { search: 'Catalyst' }))).toEqual(['sw-enable']);
    expect((await queryCredentials(vault.db, { search: 'nothing-like-this' })).total).toBe(0);
  });

  it('treats FTS5 syntax typed by the operator as text', async () => {
    for (const search of ['"', 'AND', 'NEAR(', 'hostname:', '*', '-', '(w2016']) {
      await expect(queryCredentials(vault.db, { search })).resolves.toBeDefined();
    }
    expect((await queryCredentials(vault.db, { search: '   ' })).total).toBe(5);
  });

  it('filters by type, domain, tags (any of), status, automatic change, InSync and device type', async () => {
    expect(ids(await queryCredentials(vault.db, { filters: { type: ['Network'] } }))).toEqual(['sw-enable']);
    expect(ids(await queryCredentials(vault.db, { filters: { domain: ['CORP'] } }))).toEqual(['win-admin', 'win-svc']);
    expect(ids(await queryCredentials(vault.db, { filters: { tags: ['prod', 'network'] } }))).toEqual(['db-root', 'sw-enable', 'win-admin']);
    expect(ids(await queryCredentials(vault.db, { filters: { status: ['inactive'] } }))).toEqual(['db-postgres']);
    expect(ids(await queryCredentials(vault.db, { filters: { automatic_change: true } }))).toEqual(['db-root']);
    expect((await queryCredentials(vault.db, { filters: { automatic_change: false } })).total).toBe(4);
    expect(ids(await queryCredentials(vault.db, { filters: { in_sync: ['InSync'] } }))).toEqual(['db-root']);
    expect(ids(await queryCredentials(vault.db, { filters: { device_type: ['Linux'] } }))).toEqual(['db-postgres', 'db-root']);
    expect(ids(await queryCredentials(vault.db, { search: 'db', filters: { status: ['active'] } }))).toEqual(['db-root']);
  });

  it('combines tags as "any of" by default and as "all of" when asked, in the page and its total', async () => {
    expect(ids(await queryCredentials(vault.db, { filters: { tags: ['prod', 'linux'], tag_match: 'any' } }))).toEqual(['db-root', 'win-admin']);
    const all = await queryCredentials(vault.db, { filters: { tags: ['prod', 'linux'], tag_match: 'all' } });
    expect(ids(all)).toEqual(['db-root']);
    expect(all.total).toBe(1);
    // A tag listed twice is still one tag to match.
    expect(ids(await queryCredentials(vault.db, { filters: { tags: ['prod', 'prod'], tag_match: 'all' } }))).toEqual(['db-root', 'win-admin']);
    expect(ids(await queryCredentials(vault.db, { filters: { tags: ['prod', 'network'], tag_match: 'all' } }))).toEqual([]);
  });

  it('sorts by any grid column in both directions, ties broken by id, and pages stably', async () => {
    expect(ids(await queryCredentials(vault.db, { sort: { column: 'hostname', direction: 'asc' } }))).toEqual(['sw-enable', 'db-root', 'db-postgres', 'win-admin', 'win-svc']);
    expect(ids(await queryCredentials(vault.db, { sort: { column: 'username', direction: 'desc' } }))).toEqual(['win-svc', 'db-root', 'db-postgres', 'sw-enable', 'win-admin']);
    expect(ids(await queryCredentials(vault.db, { sort: { column: 'device_vendor', direction: 'asc' } }))).toEqual(['sw-enable', 'db-root', 'db-postgres', 'win-admin', 'win-svc']);
    const page = await queryCredentials(vault.db, { sort: { column: 'identifier', direction: 'asc' }, offset: 2, limit: 2 });
    expect(page).toMatchObject({ total: 5 });
    expect(ids(page)).toEqual(['sw-enable', 'win-admin']);
    for (const column of ['ip', 'credential_type', 'domain', 'device_type', 'device_model', 'status', 'automatic_change', 'in_sync', 'last_changed_at', 'next_change_at'] as const) {
      expect((await queryCredentials(vault.db, { sort: { column, direction: 'desc' } })).rows).toHaveLength(5);
    }
  });

  it('rejects a page size above the maximum', async () => {
    await expect(queryCredentials(vault.db, { limit: 10_000 })).rejects.toThrow();
  });
});

describe('credentialFacets', () => {
  it('lists distinct values with counts', async () => {
    const facets = await credentialFacets(vault.db);
    expect(facets.types).toEqual([
      { value: 'Domain User', count: 1 },
      { value: 'Local User', count: 3 },
      { value: 'Network', count: 1 },
    ]);
    expect(facets.domains).toEqual([{ value: 'CORP', count: 2 }]);
    expect(facets.tags).toEqual([
      { value: 'backup', count: 1 },
      { value: 'linux', count: 1 },
      { value: 'network', count: 1 },
      { value: 'prod', count: 2 },
      { value: 'windows', count: 1 },
    ]);
    expect(facets.device_types).toEqual([
      { value: 'Linux', count: 2 },
      { value: 'Switch', count: 1 },
      { value: 'Windows', count: 2 },
    ]);
    expect(facets.statuses).toEqual([{ value: 'active', count: 4 }, { value: 'inactive', count: 1 }]);
    expect(facets.in_sync).toEqual([{ value: 'InSync', count: 1 }, { value: 'unknown', count: 4 }]);
  });
});

describe('toFtsMatchQuery', () => {
  it('quotes each term as a prefix phrase and ANDs them', () => {
    expect(toFtsMatchQuery('w20 10.66')).toBe('"w20"* AND "10.66"*');
    expect(toFtsMatchQuery('say "hi"')).toBe('"say"* AND """hi"""*');
    expect(toFtsMatchQuery(' - * ')).toBeUndefined();
  });
});
