import { describe, expect, it } from 'vitest';
import { auditListQuery } from '../../../main/audit/list-audit-entries';
import { useBulkWorld } from '../bulk/bulk-fixture';

const world = useBulkWorld();

describe('the audit list names objects as people know them', () => {
  it("resolves users to their names and credentials, devices and templates to their identifiers, hostnames and names", async () => {
    const w = await world();
    const id = await w.addCredential({ identifier: 'web-root', username: 'root', content: 'S3cret-root-1' });
    await w.call('olga', 'credential.reveal', { id, purpose: 'view' });
    await w.call('admin', 'device.upsert', { hostname: 'srv03', ip: '10.0.0.3' });

    const entries = await w.call('audrey', 'audit.list', {});
    const reveal = entries.find((e) => e.action === 'credential.reveal');
    expect(reveal).toMatchObject({ actor: 'olga', objectType: 'credential', objectId: String(id), objectName: 'web-root', signer: 'olga' });
    const created = entries.find((e) => e.action === 'user.create' && e.objectName === 'otto');
    expect(created).toMatchObject({ actor: 'admin', objectType: 'user', objectId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(entries.find((e) => e.action === 'device.create' && e.objectName === 'srv03')).toMatchObject({ objectType: 'device' });
    // Sign-ins are entries about the user who signed in: named, not a UUID.
    expect(entries.filter((e) => e.action === 'session.sign_in').map((e) => e.objectName)).toEqual(expect.arrayContaining(['olga', 'ana', 'audrey', 'otto']));
    // A kind whose id is already what people read (a domain's entry carries its name in details) stays null.
    expect(entries.find((e) => e.action === 'domain.create')).toMatchObject({ objectType: 'domain', objectName: null });
    // Filters and paging still apply to the entries, not to the joined names.
    const page = await w.call('audrey', 'audit.list', { objectType: 'credential', limit: 1 });
    expect(page).toHaveLength(1);
    expect(page[0]).toMatchObject({ action: 'credential.reveal', objectName: 'web-root' });
  });

  it('is one statement whose joins look objects up by primary key (no scan per entry)', async () => {
    const w = await world();
    await w.addCredential({ identifier: 'web-root', username: 'root', content: 'S3cret-root-1' });
    const vault = w.core.sessions.vault();
    const compiled = auditListQuery(vault.database.db, {}, { limit: 200 }).compile();
    const plan = vault.database.driver.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...(compiled.parameters as unknown[])) as { detail: string }[];
    const details = plan.map((step) => step.detail);
    for (const table of ['users', 'credentials', 'devices', 'templates', 'password_policies']) {
      const step = details.find((d) => new RegExp(`\\b${table}\\b`).test(d));
      expect(step, `${table} in ${JSON.stringify(details)}`).toMatch(/SEARCH .*(PRIMARY KEY|INDEX)/);
    }
  });
});
